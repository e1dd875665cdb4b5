import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource } from 'typeorm';
import { DatabaseTarget } from '../data-source/data-source-options';
import { openDataSource } from '../data-source/open-data-source';
import { DeliveryAttemptEntity } from './delivery-attempt.entity';
import { DeliveryEntity } from './delivery.entity';
import { DeliveryKeysetQuery, DeliveryRepository } from './delivery.repository';

const A = '0b7f6f1e-3333-4a2b-8c3d-00000000000a';
const B = '0b7f6f1e-3333-4a2b-8c3d-00000000000b';
const T0 = Date.UTC(2026, 10, 30, 1, 0, 0);

function delivery(tenantId: string, id: string, createdAt: number, extra: Partial<DeliveryEntity> = {}): DeliveryEntity {
  return Object.assign(new DeliveryEntity(), {
    id, tenantId, source: 'application_webhook', subscriptionId: '1', url: 'http://127.0.0.1/', event: 'e', payload: '{"big":true}', headers: {},
    policy: { kind: 'bearer', timeoutMs: 1000, maxAttempts: 1 }, authorizationSealed: null, traceparent: null, state: 'OPEN', applicationState: 'NEW', closeReason: null,
    attempts: 0, nextAttemptAt: null, createdAt: new Date(createdAt), updatedAt: new Date(createdAt), closedAt: null, version: 0, wakeAt: null, queued: 0,
    ...extra,
  } satisfies Partial<DeliveryEntity>);
}

/** 30 deliveries of tenant A, in groups of 4 sharing one created_at (ids out of insertion order), and 5 of tenant B. */
function fixtures(): DeliveryEntity[] {
  const rows: DeliveryEntity[] = [];
  for (let i = 0; i < 30; i++) {
    const id = `a-${String((i * 7) % 30).padStart(2, '0')}`;
    const closed = i % 3 === 0;
    rows.push(delivery(A, id, T0 + Math.floor(i / 4) * 1000, {
      source: i % 2 === 0 ? 'application_webhook' : 'integration_point', subscriptionId: String(i % 5),
      state: closed ? 'CLOSED' : 'OPEN', applicationState: closed ? 'CLOSED' : 'RETRY', closeReason: closed ? (i % 2 === 0 ? 'DELIVERED' : 'EXHAUSTED') : null,
    }));
  }
  for (let i = 0; i < 5; i++) rows.push(delivery(B, `b-${i}`, T0 + i * 1000, { subscriptionId: '1' }));
  return rows;
}

/** What the page order must be: created_at desc, then id desc (string order, as the databases compare ids). */
const newestFirst = (rows: DeliveryEntity[]): string[] =>
  [...rows].sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0)).map((r) => r.id);

describe.each(['sqlite', 'postgres'] as const)('the delivery log keyset page on %s', (driver) => {
  let ds: DataSource;
  let repo: DeliveryRepository;
  const rows = fixtures();

  beforeAll(async () => {
    const target: DatabaseTarget = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath() } : { driver: 'postgres', url: await createTestDatabase('delivery_keyset') };
    ds = await openDataSource(target, 'delivery');
    repo = new DeliveryRepository(ds);
    // A copy: TypeORM's insert writes the stored values back into the objects it was given.
    await ds.getRepository(DeliveryEntity).insert(fixtures());
    const attempt = (id: string, deliveryId: string, number: number, statusCode: number | null, error: string | null): Partial<DeliveryAttemptEntity> => ({
      id, deliveryId, number, attemptedAt: new Date(T0 + number), durationMs: 5, statusCode, error, responseSnippet: '',
    });
    await ds.getRepository(DeliveryAttemptEntity).insert([attempt('t1', 'a-07', 1, 500, null), attempt('t2', 'a-07', 2, null, 'ECONNREFUSED'), attempt('t3', 'a-14', 1, 200, null)]);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  /** Every page of `limit`, following the last row's (created_at, id) as the next cursor. */
  async function allPages(tenantId: string, filter: Omit<DeliveryKeysetQuery, 'before' | 'limit'>, limit: number): Promise<string[][]> {
    const pages: string[][] = [];
    let before: DeliveryKeysetQuery['before'] = null;
    for (;;) {
      const page = await repo.keysetPage(tenantId, { ...filter, before, limit });
      if (page.length === 0) return pages;
      pages.push(page.map((d) => d.id));
      const last = page[page.length - 1]!;
      before = { createdAt: last.createdAt.getTime(), id: last.id };
    }
  }

  it.each([1, 3, 4, 7, 50])('pages of %i walk the whole log newest first, each delivery once, across equal created_at', async (limit) => {
    const pages = await allPages(A, {}, limit);
    expect(pages.flat()).toEqual(newestFirst(rows.filter((r) => r.tenantId === A)));
    expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
  });

  it.each<[string, Omit<DeliveryKeysetQuery, 'before' | 'limit'>, (r: DeliveryEntity) => boolean]>([
    ['state', { state: 'CLOSED' }, (r) => r.state === 'CLOSED'],
    ['application_state', { applicationState: 'RETRY' }, (r) => r.applicationState === 'RETRY'],
    ['source', { source: 'integration_point' }, (r) => r.source === 'integration_point'],
    ['close_reason', { closeReason: 'EXHAUSTED' }, (r) => r.closeReason === 'EXHAUSTED'],
    ['subscription_id', { subscriptionId: '3' }, (r) => r.subscriptionId === '3'],
    ['source + subscription_id', { source: 'application_webhook', subscriptionId: '2' }, (r) => r.source === 'application_webhook' && r.subscriptionId === '2'],
    ['id', { id: 'a-21' }, (r) => r.id === 'a-21'],
    ['created range (inclusive)', { createdFrom: T0 + 2000, createdTo: T0 + 4000 }, (r) => r.createdAt.getTime() >= T0 + 2000 && r.createdAt.getTime() <= T0 + 4000],
    ['failed to one subscription', { closeReason: 'EXHAUSTED', subscriptionId: '1' }, (r) => r.closeReason === 'EXHAUSTED' && r.subscriptionId === '1'],
  ])('filter %s, paged by 2', async (_name, filter, matches) => {
    const expected = newestFirst(rows.filter((r) => r.tenantId === A && matches(r)));
    expect(expected.length).toBeGreaterThan(0);
    expect((await allPages(A, filter, 2)).flat()).toEqual(expected);
  });

  it('is scoped by tenant: B sees only its own, and A\'s ids are not found by B', async () => {
    expect((await allPages(B, {}, 2)).flat()).toEqual(['b-4', 'b-3', 'b-2', 'b-1', 'b-0']);
    expect(await repo.keysetPage(B, { id: 'a-07', before: null, limit: 10 })).toEqual([]);
    expect((await repo.keysetPage(A, { subscriptionId: '1', before: null, limit: 100 })).every((d) => d.id.startsWith('a-'))).toBe(true);
  });

  it('reads no payload, and the latest attempt of each delivery of a page', async () => {
    const [first] = await repo.keysetPage(A, { id: 'a-07', before: null, limit: 1 });
    expect(first).toBeDefined();
    expect((first as DeliveryEntity).payload).toBeUndefined();
    const latest = await repo.latestAttemptsOf(['a-07', 'a-14', 'a-21']);
    expect(Object.fromEntries(latest)).toEqual({ 'a-07': { number: 2, statusCode: null, error: 'ECONNREFUSED' }, 'a-14': { number: 1, statusCode: 200, error: null } });
  });
});
