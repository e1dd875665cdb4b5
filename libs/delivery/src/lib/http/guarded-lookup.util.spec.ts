import type { LookupAddress } from 'node:dns';
import { buildAllowList } from './build-allow-list.util';
import { guardedLookup, type ResolveAll } from './guarded-lookup.util';

interface LookupOutcome {
  error: (Error & { code?: string }) | null;
  address: string | LookupAddress[];
  family?: number;
}

/** Runs the lookup against a fake DNS answer (no I/O): what a rebinding name could resolve to. */
function lookup(answer: LookupAddress[] | Error, all: boolean, allow: string[] = []): Promise<LookupOutcome> {
  const resolveAll: ResolveAll = () => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer));
  return new Promise((resolve) => {
    guardedLookup(buildAllowList(allow), resolveAll)('rebind.example', { all }, (error, address, family) =>
      resolve({ error, address, family }),
    );
  });
}

const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });

describe('guardedLookup', () => {
  it('passes public addresses through (all: true)', async () => {
    const outcome = await lookup([v4('93.184.215.14'), v6('2606:2800:21f:cb07:6820:80da:af6b:8b2c')], true);
    expect(outcome).toEqual({ error: null, address: [v4('93.184.215.14'), v6('2606:2800:21f:cb07:6820:80da:af6b:8b2c')], family: undefined });
  });

  it('answers a single-address lookup with the first permitted address', async () => {
    expect(await lookup([v4('10.0.0.1'), v4('8.8.8.8')], false)).toEqual({ error: null, address: '8.8.8.8', family: 4 });
  });

  it('drops refused addresses from a mixed answer, so only the permitted one is dialled', async () => {
    const outcome = await lookup([v4('127.0.0.1'), v4('8.8.4.4'), v6('::ffff:169.254.169.254')], true);
    expect(outcome.address).toEqual([v4('8.8.4.4')]);
  });

  it.each<[string, LookupAddress[]]>([
    ['loopback', [v4('127.0.0.1')]],
    ['loopback on both families', [v6('::1'), v4('127.0.0.1')]],
    ['metadata', [v4('169.254.169.254')]],
    ['mapped loopback', [v6('::ffff:7f00:1')]],
    ['private', [v4('192.168.0.10'), v4('10.1.1.1')]],
    ['nothing at all', []],
  ])('fails with ERR_SSRF_BLOCKED when every address is refused: %s', async (_label, answer) => {
    for (const all of [true, false]) {
      const outcome = await lookup(answer, all);
      expect(outcome.error?.code).toBe('ERR_SSRF_BLOCKED');
      expect(outcome.error?.message).toContain('rebind.example resolves to no permitted address');
    }
  });

  it('the allow-list lets a refused block through', async () => {
    expect((await lookup([v6('::1'), v4('127.0.0.1')], true, ['127.0.0.0/8'])).address).toEqual([v4('127.0.0.1')]);
  });

  it('passes DNS errors through unchanged', async () => {
    const notFound = Object.assign(new Error('getaddrinfo ENOTFOUND rebind.example'), { code: 'ENOTFOUND' });
    expect((await lookup(notFound, true)).error).toBe(notFound);
  });
});
