import { describe, expect, it } from '@jest/globals';
import { SubscriptionKey, TargetConfigRow } from '../../lib/core/ports/delivery-store.port';
import type { ContractContext } from './delivery-store.contract';
import { newRow, OTHER_TENANT, subscription, T0, TENANT } from './delivery-store-contract.fixtures';

const CONFIG: TargetConfigRow = {
  url: 'https://hooks.example/target', headersSealed: 'sealed-headers', policy: { kind: 'docstudio', retries: 3, timeoutMs: 1000, successCode: 200 }, authorizationSealed: 'auth',
  group: 'mailbox-1', label: 'mailbox mailbox-1',
};
const FAILING = { failingSince: T0, pausedAt: null, lastError: 'HTTP 503' };

/** Targets: config, secrets, removal, health, pause and resume. */
export function registerTargetsContract(ctx: () => ContractContext): void {
  describe('targets', () => {
    it('creates and replaces config and secrets independently, bumping the version', async () => {
      const { store } = ctx();
      const key = subscription('sub-cfg');
      expect(await store.getTarget(key)).toBeNull();
      expect(await store.swapTargetSecrets(key, null, 'sealed-1', T0 + 1)).toBe(true);
      expect(await store.getTarget(key)).toEqual({
        key, config: null, secretsSealed: 'sealed-1', failingSince: null, pausedAt: null, lastError: null, lastSuccessAt: null, lastFailureAt: null, version: 1, updatedAt: T0 + 1,
      });
      await store.putTargetConfig(key, CONFIG, T0 + 2);
      await store.setHealth(key, FAILING, T0 + 3, false);
      await store.putTargetConfig(key, { ...CONFIG, url: 'https://moved.example/', authorizationSealed: null }, T0 + 4);
      expect(await store.getTarget(key)).toEqual({
        key, config: { ...CONFIG, url: 'https://moved.example/', authorizationSealed: null, legacyHeaders: null }, secretsSealed: 'sealed-1', ...FAILING, lastSuccessAt: null, lastFailureAt: null, version: 4, updatedAt: T0 + 4,
      });
      expect(await store.swapTargetSecrets(key, 'sealed-1', 'sealed-2', T0 + 5)).toBe(true);
      expect(await store.getTarget(key)).toMatchObject({ config: { url: 'https://moved.example/' }, secretsSealed: 'sealed-2', version: 5 });
      const fresh = subscription('sub-cfg-2');
      await store.putTargetConfig(fresh, CONFIG, T0);
      expect(await store.getTarget(fresh)).toMatchObject({ config: CONFIG, secretsSealed: null, version: 1 });
    });

    it('swapTargetSecrets is a compare-and-set: of racing writers that read the same secrets exactly one applies', async () => {
      const { store } = ctx();
      // First secrets (expected null), creating the target.
      const fresh = subscription('sub-init');
      const firsts = ['sealed-a', 'sealed-b', 'sealed-c'];
      const applied = await Promise.all(firsts.map((sealed, i) => store.swapTargetSecrets(fresh, null, sealed, T0 + i)));
      expect(applied.filter(Boolean)).toHaveLength(1);
      const winner = firsts[applied.indexOf(true)]!;
      expect(await store.getTarget(fresh)).toMatchObject({ config: null, secretsSealed: winner, version: 1 });
      // Replacements (two rotations that read the same secrets).
      const rotations = await Promise.all(['sealed-r1', 'sealed-r2'].map((sealed, i) => store.swapTargetSecrets(fresh, winner, sealed, T0 + 10 + i)));
      expect(rotations.filter(Boolean)).toHaveLength(1);
      expect(await store.getTarget(fresh)).toMatchObject({ secretsSealed: ['sealed-r1', 'sealed-r2'][rotations.indexOf(true)], version: 2 });
      expect(await store.swapTargetSecrets(fresh, winner, 'sealed-stale', T0 + 20)).toBe(false);
      expect(await store.swapTargetSecrets(fresh, null, 'sealed-stale', T0 + 20)).toBe(false);
      // A target with a config and no secrets gets them; expecting secrets of a target that has none, or of none at all, fails.
      const configured = subscription('sub-init-2');
      await store.putTargetConfig(configured, CONFIG, T0);
      expect(await store.swapTargetSecrets(configured, 'sealed-x', 'sealed-1', T0 + 1)).toBe(false);
      expect(await store.swapTargetSecrets(configured, null, 'sealed-1', T0 + 1)).toBe(true);
      expect(await store.getTarget(configured)).toMatchObject({ config: CONFIG, secretsSealed: 'sealed-1', version: 2, updatedAt: T0 + 1 });
      expect(await store.swapTargetSecrets(subscription('sub-none'), 'sealed-x', 'sealed-1', T0)).toBe(false);
      expect(await store.getTarget(subscription('sub-none'))).toBeNull();
    });

    it('is scoped by tenant and source', async () => {
      const { store } = ctx();
      await store.putTargetConfig(subscription('sub-s'), CONFIG, T0);
      expect(await store.getTarget(subscription('sub-s', OTHER_TENANT))).toBeNull();
      expect(await store.getTarget({ ...subscription('sub-s'), source: 'integration_point' })).toBeNull();
    });

    it('removes a target and cancels its open deliveries only', async () => {
      const { store, peek } = ctx();
      const key = subscription('sub-rm');
      await store.putTargetConfig(key, CONFIG, T0);
      const open = [newRow({ subscriptionId: 'sub-rm' }), newRow({ subscriptionId: 'sub-rm' })];
      const done = newRow({ subscriptionId: 'sub-rm' });
      const neighbours = [newRow({ subscriptionId: 'sub-other' }), newRow({ subscriptionId: 'sub-rm', tenantId: OTHER_TENANT }), newRow({ subscriptionId: 'sub-rm', source: 'integration_point' })];
      await store.accept([...open, done, ...neighbours]);
      await store.closeUnattempted(TENANT, done.id, 0, 'DISABLED', T0 + 1);
      expect(await store.removeTarget(key, T0 + 9)).toBe(2);
      expect(await store.getTarget(key)).toBeNull();
      expect(await peek.delivery(open[0]!.id)).toMatchObject({
        state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'CANCELLED', wakeAt: null, closedAt: T0 + 9, version: 1,
      });
      expect(await peek.delivery(done.id)).toMatchObject({ closeReason: 'DISABLED', closedAt: T0 + 1, version: 1 });
      for (const row of neighbours) expect(await peek.delivery(row.id)).toMatchObject({ state: 'OPEN', version: 0 });
      expect(await store.removeTarget(key, T0 + 10)).toBe(0);
    });

    it('sets health, and with onlyIfUnpaused never overwrites a pause', async () => {
      const { store } = ctx();
      const key = subscription('sub-h');
      expect(await store.setHealth(key, FAILING, T0, false)).toBe(false); // no target
      await store.putTargetConfig(key, CONFIG, T0);
      expect(await store.setHealth(key, FAILING, T0 + 1, true)).toBe(true);
      const paused = { failingSince: T0, pausedAt: T0 + 2, lastError: 'paused after 3 days' };
      expect(await store.setHealth(key, paused, T0 + 2, true)).toBe(true);
      expect(await store.setHealth(key, { failingSince: null, pausedAt: null, lastError: null }, T0 + 3, true)).toBe(false);
      expect(await store.getTarget(key)).toMatchObject({ ...paused, version: 3, updatedAt: T0 + 2 });
      expect(await store.setHealth(key, { failingSince: null, pausedAt: null, lastError: null }, T0 + 4, false)).toBe(true);
      expect(await store.getTarget(key)).toMatchObject({ failingSince: null, pausedAt: null, lastError: null, version: 4 });
    });

    it('resumes: clears health and reopens only what closed DISABLED since the pause', async () => {
      const { store, peek } = ctx();
      const key = subscription('sub-p');
      expect(await store.resumeTarget(key, T0)).toBeNull();
      await store.putTargetConfig(key, CONFIG, T0);
      const [before, since, cancelled, elsewhere] = [newRow({ subscriptionId: 'sub-p' }), newRow({ subscriptionId: 'sub-p' }), newRow({ subscriptionId: 'sub-p' }), newRow({ subscriptionId: 'sub-q' })];
      await store.accept([before!, since!, cancelled!, elsewhere!]);
      await store.closeUnattempted(TENANT, before!.id, 0, 'DISABLED', T0 + 5);
      await store.setHealth(key, { failingSince: T0, pausedAt: T0 + 10, lastError: 'down' }, T0 + 10, true);
      await store.closeUnattempted(TENANT, since!.id, 0, 'DISABLED', T0 + 10);
      await store.closeUnattempted(TENANT, cancelled!.id, 0, 'CANCELLED', T0 + 11);
      await store.closeUnattempted(TENANT, elsewhere!.id, 0, 'DISABLED', T0 + 12);
      expect(await store.resumeTarget(key, T0 + 20)).toEqual({ reopened: 1, wasPaused: true });
      expect(await store.getTarget(key)).toMatchObject({ failingSince: null, pausedAt: null, lastError: null, version: 3, updatedAt: T0 + 20, config: CONFIG });
      expect(await peek.delivery(since!.id)).toMatchObject({
        state: 'OPEN', applicationState: 'RETRY', closeReason: null, closedAt: null, wakeAt: T0 + 20, queued: 0, version: 2,
      });
      expect(await peek.delivery(before!.id)).toMatchObject({ state: 'CLOSED', version: 1 });
      expect(await peek.delivery(cancelled!.id)).toMatchObject({ state: 'CLOSED', closeReason: 'CANCELLED' });
      expect(await peek.delivery(elsewhere!.id)).toMatchObject({ state: 'CLOSED', closeReason: 'DISABLED' });
      expect(await store.resumeTarget(key, T0 + 30)).toEqual({ reopened: 0, wasPaused: false });
    });

    it('lists a tenant\'s paused targets, newest pause first', async () => {
      const { store } = ctx();
      for (const [id, pausedAt, tenantId] of [['a', T0 + 1, TENANT], ['b', T0 + 3, TENANT], ['c', null, TENANT], ['d', T0 + 2, TENANT], ['e', T0 + 9, OTHER_TENANT]] as const) {
        await store.swapTargetSecrets(subscription(id, tenantId), null, 's', T0);
        await store.setHealth(subscription(id, tenantId), { failingSince: T0, pausedAt, lastError: null }, T0, false);
      }
      expect((await store.listPaused(TENANT, 10)).map((t) => [t.key.subscriptionId, t.pausedAt])).toEqual([['b', T0 + 3], ['d', T0 + 2], ['a', T0 + 1]]);
      expect((await store.listPaused(TENANT, 2)).map((t) => t.key.subscriptionId)).toEqual(['b', 'd']);
      expect((await store.listPaused(OTHER_TENANT, 10)).map((t) => t.key)).toEqual([subscription('e', OTHER_TENANT)]);
    });

    it('keeps group and label with the config; an upsert without them clears them', async () => {
      const { store } = ctx();
      const key = subscription('sub-gl');
      await store.putTargetConfig(key, CONFIG, T0);
      expect((await store.getTarget(key))?.config).toMatchObject({ group: 'mailbox-1', label: 'mailbox mailbox-1' });
      await store.putTargetConfig(key, { ...CONFIG, group: null, label: null }, T0 + 1);
      expect((await store.getTarget(key))?.config).toMatchObject({ group: null, label: null });
    });

    it('lists a tenant\'s targets by keyset on (source, subscription id), filtered by source and paused', async () => {
      const { store } = ctx();
      const put = async (source: SubscriptionKey['source'], id: string, tenantId = TENANT): Promise<SubscriptionKey> => {
        const key = { tenantId, source, subscriptionId: id };
        await store.putTargetConfig(key, { ...CONFIG, label: `${source}/${id}` }, T0);
        return key;
      };
      await put('integration_point', 'ip-2');
      await put('application_webhook', '9');
      await put('application_webhook', '10');
      const pausedKey = await put('integration_point', 'ip-1');
      await put('envelope_callback', 'cb-1');
      await put('application_webhook', '1', OTHER_TENANT);
      await store.setHealth(pausedKey, { failingSince: T0, pausedAt: T0 + 1, lastError: 'gone' }, T0 + 1, true);
      const all = { source: null, paused: null, after: null, limit: 100 };
      const ids = (targets: Array<{ key: SubscriptionKey }>): string[] => targets.map((t) => `${t.key.source}/${t.key.subscriptionId}`);
      expect(ids(await store.listTargets(TENANT, all))).toEqual([
        'application_webhook/10', 'application_webhook/9', 'envelope_callback/cb-1', 'integration_point/ip-1', 'integration_point/ip-2',
      ]);
      const first = await store.listTargets(TENANT, { ...all, limit: 2 });
      expect(ids(first)).toEqual(['application_webhook/10', 'application_webhook/9']);
      const last = first[first.length - 1]!.key;
      expect(ids(await store.listTargets(TENANT, { ...all, limit: 2, after: { source: last.source, subscriptionId: last.subscriptionId } })))
        .toEqual(['envelope_callback/cb-1', 'integration_point/ip-1']);
      expect(ids(await store.listTargets(TENANT, { ...all, after: { source: 'integration_point', subscriptionId: 'ip-2' } }))).toEqual([]);
      expect(ids(await store.listTargets(TENANT, { ...all, source: 'integration_point' }))).toEqual(['integration_point/ip-1', 'integration_point/ip-2']);
      expect(ids(await store.listTargets(TENANT, { ...all, paused: true }))).toEqual(['integration_point/ip-1']);
      expect(ids(await store.listTargets(TENANT, { ...all, paused: false, source: 'integration_point' }))).toEqual(['integration_point/ip-2']);
      expect(ids(await store.listTargets(OTHER_TENANT, all))).toEqual(['application_webhook/1']);
      expect((await store.listTargets(TENANT, { ...all, source: 'envelope_callback' }))[0]).toMatchObject({ config: { label: 'envelope_callback/cb-1', group: 'mailbox-1' } });
    });

    it('pauses by an operator only a target that exists and is not paused; resume reopens what closed while paused', async () => {
      const { store, peek } = ctx();
      const key = subscription('sub-man');
      expect(await store.pauseTarget(key, T0)).toBe(false);
      await store.putTargetConfig(key, CONFIG, T0);
      await store.setHealth(key, FAILING, T0 + 1, true);
      expect(await store.pauseTarget(subscription('sub-man', OTHER_TENANT), T0 + 2)).toBe(false);
      expect(await store.pauseTarget(key, T0 + 2)).toBe(true);
      expect(await store.getTarget(key)).toMatchObject({ failingSince: T0, pausedAt: T0 + 2, lastError: 'HTTP 503', version: 3, updatedAt: T0 + 2 });
      expect(await store.pauseTarget(key, T0 + 3)).toBe(false);
      expect(await store.getTarget(key)).toMatchObject({ pausedAt: T0 + 2, version: 3 });
      const row = newRow({ subscriptionId: 'sub-man' });
      await store.accept([row]);
      await store.closeUnattempted(TENANT, row.id, 0, 'DISABLED', T0 + 4);
      expect(await store.resumeTarget(key, T0 + 5)).toEqual({ reopened: 1, wasPaused: true });
      expect(await peek.delivery(row.id)).toMatchObject({ state: 'OPEN', applicationState: 'RETRY' });
    });
  });
}
