import { CommonEnv, loadConfig } from '@hookrelay/config';
import { NATS_APPS, renderNatsAppUsers, renderNatsUsersFile } from '@hookrelay/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

const ROOT = join(__dirname, '../../../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}
const manifests = (): Manifest[] => parseAllDocuments(read('deploy/k8s/03-nats-auth.yaml')).map((doc) => doc.toJS() as Manifest);
const find = (kind: string, name: string): Manifest => manifests().find((m) => m.kind === kind && m.metadata.name === name)!;

/** The committed NATS configurations are the generator's output (`hookrelay nats:config`): regenerate them when permissions change. */
describe('committed NATS configuration', () => {
  it.each([
    ['docker/nats/hookrelay-nats-apps.conf', renderNatsAppUsers()],
    ['docker/nats/hookrelay-nats.conf', renderNatsUsersFile({ jetstreamStoreDir: '/data' })],
  ])('%s is what the generator writes', (path, expected) => {
    expect(read(path)).toBe(expected);
  });

  it('deploy/k8s ConfigMap and users Secret are what the generator writes', () => {
    expect(find('ConfigMap', 'hookrelay-nats-config').data?.['hookrelay-nats-apps.conf']).toBe(renderNatsAppUsers());
    expect(find('Secret', 'hookrelay-nats-users').stringData?.['hookrelay-nats.conf']).toBe(renderNatsUsersFile({ appUsersFile: '../hookrelay-apps/hookrelay-nats-apps.conf' }));
  });

  it.each(NATS_APPS)('the k8s Secret placeholder for %s is refused at boot', (app) => {
    const password = find('Secret', 'hookrelay-nats').stringData?.[app];
    expect(password).toMatch(/REPLACE/);
    expect(() => loadConfig(CommonEnv, { HOOKRELAY_ENCRYPTION_KEY: 'q5m0cYk3U0mTz8gQkWcVbq1sXg6Yv1Nn7aG2y9v0D9c=', NATS_USER: app, NATS_PASSWORD: password })).toThrow(/NATS_PASSWORD \(set, value hidden\)/);
  });
});
