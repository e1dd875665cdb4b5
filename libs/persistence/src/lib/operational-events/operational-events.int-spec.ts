import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource } from 'typeorm';
import { DatabaseTarget } from '../data-source/data-source-options';
import { openDataSource } from '../data-source/open-data-source';
import { OperationalEventEntity, OperationalEventType } from './operational-event.entity';
import { OperationalEventRepository } from './operational-event.repository';
import { OperationalWebhookRepository } from './operational-webhook.repository';
import { timeOrderedId } from '../ids/time-ordered-id.util';

const TENANT = '0b7f6f1e-1111-4a2b-8c3d-000000000001';
const OTHER = '0b7f6f1e-2222-4a2b-8c3d-000000000002';
const T0 = 1_800_000_000_000;

function event(tenantId: string, n: number, occurredAt: number, type: OperationalEventType = 'subscription.paused'): OperationalEventEntity {
  return { id: `evt-${String(n).padStart(4, '0')}`, tenantId, type, occurredAt: new Date(occurredAt), data: JSON.stringify({ n }), deliveryId: n % 2 ? `d-${n}` : null, dispatchedAt: new Date(occurredAt) };
}

describe.each(['sqlite', 'postgres'] as const)('operational events tables on %s', (driver) => {
  let dataSource: DataSource;
  let events: OperationalEventRepository;
  let webhooks: OperationalWebhookRepository;

  beforeAll(async () => {
    const target: DatabaseTarget = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath() } : { driver: 'postgres', url: await createTestDatabase('opsevents') };
    dataSource = await openDataSource(target, 'delivery');
    events = new OperationalEventRepository(dataSource);
    webhooks = new OperationalWebhookRepository(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('pages a tenant\'s events newest first by keyset (ties on occurred_at broken by id), never another tenant\'s', async () => {
    // Two events share a millisecond: the id orders them.
    const stored = [event(TENANT, 1, T0), event(TENANT, 2, T0 + 5), event(TENANT, 3, T0 + 5), event(TENANT, 4, T0 + 9, 'delivery.exhausted'), event(OTHER, 5, T0 + 7)];
    for (const e of stored) await events.add(e);
    const ids = (rows: OperationalEventEntity[]): string[] => rows.map((r) => r.id);
    expect(ids(await events.pageNewestFirst(TENANT, 10, null))).toEqual(['evt-0004', 'evt-0003', 'evt-0002', 'evt-0001']);
    const first = await events.pageNewestFirst(TENANT, 2, null);
    expect(ids(first)).toEqual(['evt-0004', 'evt-0003']);
    const last = first[1]!;
    expect(ids(await events.pageNewestFirst(TENANT, 2, { occurredAt: last.occurredAt.getTime(), id: last.id }))).toEqual(['evt-0002', 'evt-0001']);
    expect(ids(await events.pageNewestFirst(OTHER, 10, null))).toEqual(['evt-0005']);
    expect((await events.pageNewestFirst(TENANT, 1, null))[0]).toEqual({ ...stored[3], occurredAt: new Date(T0 + 9) });
  });

  it('retention deletes the events of every tenant that occurred before the horizon, oldest first, a batch at a time', async () => {
    await dataSource.query('DELETE FROM operational_events');
    // Ids are time-ordered by occurrence, as the engine's recorder makes them.
    const at = (occurredAt: number, tenantId = TENANT): OperationalEventEntity => ({ ...event(tenantId, 0, occurredAt), id: timeOrderedId(occurredAt) });
    const stored = [at(T0 - 3_000), at(T0 - 2_000, OTHER), at(T0 - 1), at(T0), at(T0 + 1_000)];
    for (const e of stored) await events.add(e);
    expect(await events.pruneBefore(T0, 2)).toBe(2);
    expect(await events.pruneBefore(T0, 2)).toBe(1);
    expect(await events.pruneBefore(T0, 2)).toBe(0);
    const left = [...(await events.pageNewestFirst(TENANT, 10, null)), ...(await events.pageNewestFirst(OTHER, 10, null))];
    expect(left.map((e) => e.occurredAt.getTime()).sort()).toEqual([T0, T0 + 1_000]);
  });

  it('keeps one operational webhook per tenant: created_at of the first registration, events replaced, removal', async () => {
    const created = await webhooks.save(TENANT, ['subscription.paused'], new Date(T0));
    expect(created).toMatchObject({ created: true, entity: { events: 'subscription.paused' } });
    const changed = await webhooks.save(TENANT, ['subscription.resumed', 'delivery.exhausted'], new Date(T0 + 1000));
    expect(changed.created).toBe(false);
    expect(await webhooks.findByTenant(TENANT)).toEqual({ tenantId: TENANT, events: 'subscription.resumed,delivery.exhausted', createdAt: new Date(T0), updatedAt: new Date(T0 + 1000) });
    expect(await webhooks.findByTenant(OTHER)).toBeNull();
    expect(await webhooks.removeForTenant(OTHER)).toBe(false);
    expect(await webhooks.removeForTenant(TENANT)).toBe(true);
    expect(await webhooks.findByTenant(TENANT)).toBeNull();
  });

  it('racing first registrations of one tenant: one creates, the others update it, none fails (CI saw a 500 on PostgreSQL)', async () => {
    const racers = 8;
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(Array.from({ length: racers }, (_, i) => webhooks.save(TENANT, [`type-${i}`], new Date(T0 + round * 100 + i))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const stored = await webhooks.findByTenant(TENANT);
      // The row holds one racer's list, and the creator's created_at.
      expect(results.map((r) => r.entity.events)).toContain(stored?.events);
      expect(stored?.createdAt).toEqual(results.find((r) => r.created)?.entity.createdAt);
      expect(await webhooks.removeForTenant(TENANT)).toBe(true);
    }
  });

  it('a save racing a removal answers what ends up stored', async () => {
    await webhooks.save(TENANT, ['subscription.paused'], new Date(T0));
    const results = await Promise.all([webhooks.save(TENANT, ['delivery.exhausted'], new Date(T0 + 1)), webhooks.removeForTenant(TENANT)]);
    expect(results[1]).toBe(true);
    // Whichever order they ran in, the save's answer matches what is stored.
    const stored = await webhooks.findByTenant(TENANT);
    if (stored) expect(stored.events).toBe('delivery.exhausted');
    else expect(results[0].created).toBe(false);
    await webhooks.removeForTenant(TENANT);
  });
});
