import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/**
 * The architecture rules of eslint.config.mjs, proven on code that breaks them: `npm run lint` must fail
 * on each of these imports. (Lints text in memory under a path inside each project; nothing is written.)
 */
describe('module boundaries (lint)', () => {
  jest.setTimeout(30_000);

  beforeAll(() => {
    // The Nx rule reads the cached project graph; computing it takes ~1 s and no daemon.
    execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  }, 60_000);

  /** Runs the real eslint CLI, as `npm run lint` does, on code given on stdin under a path. */
  async function problems(filePath: string, code: string): Promise<string[]> {
    let output: string;
    try {
      output = execFileSync(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--format', 'json', '--stdin', '--stdin-filename', join(ROOT, filePath)], {
        cwd: ROOT, input: code, env: { ...process.env, NX_DAEMON: 'false' },
      }).toString();
    } catch (error) {
      output = String((error as { stdout?: Buffer }).stdout ?? '');
    }
    const [result] = JSON.parse(output) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  }

  it.each([
    ['a contract importing a util', 'libs/contracts/src/lib/x.ts', "import { loadConfig } from '@hookrelay/config';\nexport const x = loadConfig;", /type:contracts" cannot depend/],
    ['a util importing data access', 'libs/config/src/lib/x.ts', "import { SCHEMAS } from '@hookrelay/persistence';\nexport const x = SCHEMAS;", /type:util" cannot depend/],
    ['an app importing another app', 'apps/webhooks/src/x.ts', "import { GatewayModule } from '../../gateway/src/gateway.module';\nexport const x = GatewayModule;", /enforce-module-boundaries/],
    ['production code importing the testing lib', 'apps/callbacks/src/x.ts', "import { startNatsServer } from '@hookrelay/testing';\nexport const x = startNatsServer;", /test-only/],
    ['a lib importing through a deep path', 'libs/messaging/src/lib/x.ts', "import { SecretBox } from '../../../secrets/src/lib/secret-box';\nexport const x = SecretBox;", /enforce-module-boundaries/],
    ['code reading process.env outside libs/config', 'apps/gateway/src/x.ts', 'export const port = process.env.PORT;', /read configuration through an env class/],
    ['an app touching the delivery tables', 'apps/callbacks/src/x.ts', "import { DeliveryRepository } from '@hookrelay/persistence';\nexport const x = DeliveryRepository;", /only the delivery engine touches the delivery tables/],
    ['an explicit any', 'libs/contracts/src/lib/x.ts', 'export function f(a: any): void { void a; }', /no-explicit-any/],
  ])('rejects %s', async (_what, filePath, code, expected) => {
    expect((await problems(filePath, code)).join('\n')).toMatch(expected);
  });

  it.each([
    ['an app importing shared libs', 'apps/webhooks/src/x.ts', "import { loadConfig } from '@hookrelay/config';\nimport { STREAMS } from '@hookrelay/contracts';\nexport const x = [loadConfig, STREAMS];"],
    ['the delivery engine reading the delivery log', 'libs/delivery/src/lib/nest/x.ts', "import { DeliveryRepository } from '@hookrelay/persistence';\nexport const x = DeliveryRepository;"],
    ['a test importing the testing lib', 'apps/gateway/e2e/x.e2e-spec.ts', "import { startNatsServer } from '@hookrelay/testing';\nexport const x = startNatsServer;"],
  ])('accepts %s', async (_what, filePath, code) => {
    expect(await problems(filePath, code)).toEqual([]);
  });
});
