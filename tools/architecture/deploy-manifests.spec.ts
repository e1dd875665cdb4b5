import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');
const VALIDATE = join(ROOT, 'tools/scripts/validate-deploy.mjs');

async function validate(...files: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [VALIDATE, ...files], { cwd: ROOT });
    return { ok: true, output: stdout };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** The Kubernetes manifests and the Compose file, checked against their schemas (no cluster, no Docker engine). */
describe('deployment files', () => {
  jest.setTimeout(30_000);

  it('are valid: every manifest against the Kubernetes schemas, compose.yaml against the Compose Specification', async () => {
    const { ok, output } = await validate();
    expect(output).not.toMatch(/invalid|error/i);
    expect(ok).toBe(true);
    for (const app of ['gateway', 'callbacks', 'webhooks', 'integration-points']) {
      expect(output).toContain(`Deployment/hookrelay-${app}`);
      expect(output).toContain(`PodDisruptionBudget/hookrelay-${app}`);
    }
    for (const resource of [
      'Job/hookrelay-migrate', 'Secret/hookrelay-secrets', 'ConfigMap/hookrelay-config', 'NetworkPolicy/hookrelay-delivery-egress', 'Service/hookrelay-gateway',
      'Secret/hookrelay-nats', 'ConfigMap/hookrelay-nats-config', 'Secret/hookrelay-nats-users',
      'StatefulSet/nats', 'Service/nats', 'Service/nats-cluster', 'ConfigMap/nats-server-config', 'PodDisruptionBudget/nats',
    ]) {
      expect(output).toContain(resource);
    }
    expect(output).toMatch(/ok docker\/compose\.yaml: service\/nats, service\/postgres, .*service\/gateway/);
  });

  it.each([
    ['a Deployment with a string replica count', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec: { replicas: "two", selector: { matchLabels: { a: b } }, template: { metadata: { labels: { a: b } }, spec: { containers: [ { name: c, image: i } ] } } }\n', /replicas must be integer/],
    ['a kind the validator has no schema for', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n', /no schema for apiVersion example.com\/v1 kind Widget/],
    ['a compose service with an unknown key', 'services:\n  app:\n    image: x\n    colour: red\n', /compose.yaml is not a valid Compose file: .*colour/],
    [
      'an app Deployment without its own NATS user',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec: { selector: { matchLabels: { app.kubernetes.io/name: webhooks } }, template: { metadata: { labels: { app.kubernetes.io/name: webhooks } }, spec: { containers: [ { name: c, image: i, env: [ { name: NATS_USER, value: gateway } ] } ] } } }\n',
      /Deployment\/x must connect to NATS as its own user: env NATS_USER=webhooks/,
    ],
    [
      'a NATS StatefulSet of two nodes',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: nats }\nspec: { replicas: 2, serviceName: nats-cluster, selector: { matchLabels: { app.kubernetes.io/name: nats } }, template: { metadata: { labels: { app.kubernetes.io/name: nats } }, spec: { containers: [ { name: nats, image: i, volumeMounts: [ { name: data, mountPath: /data } ] } ] } }, volumeClaimTemplates: [ { metadata: { name: data }, spec: { accessModes: [ReadWriteOnce], resources: { requests: { storage: 1Gi } } } } ] }\n',
      /StatefulSet\/nats must run an odd number of at least 3 NATS nodes/,
    ],
    [
      'a NATS StatefulSet without a persistent volume for JetStream',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: { name: nats }\nspec: { replicas: 3, serviceName: nats-cluster, selector: { matchLabels: { app.kubernetes.io/name: nats } }, template: { metadata: { labels: { app.kubernetes.io/name: nats } }, spec: { containers: [ { name: nats, image: i } ] } } }\n',
      /StatefulSet\/nats must keep its JetStream store on a PersistentVolumeClaim template/,
    ],
    ['a compose app service without NATS credentials', 'services:\n  callbacks:\n    image: x\n    environment: { NATS_URL: "nats://nats:4222" }\n', /compose.yaml: service callbacks must connect to NATS as its own user/],
  ])('rejects %s', async (_name, yaml, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
    const file = join(dir, message.source.includes('compose') ? 'compose.yaml' : 'manifest.yaml');
    writeFileSync(file, yaml);
    const { ok, output } = await validate(file);
    expect(ok).toBe(false);
    expect(output).toMatch(message);
  });
});
