import { CreateReplayJobCommand, ServiceException } from '@hookrelay/contracts';
import { DeliveryLog } from '@hookrelay/delivery';
import { DatabaseTarget, DeliveryEntity, DeliveryRepository, openDataSource, ReplayJobRepository } from '@hookrelay/persistence';
import { createTestDatabase, tempSqlitePath } from '@hookrelay/testing';
import { DataSource } from 'typeorm';
import { ReplayJobLoop } from './replay-job.loop';
import { ReplayJobRunner, ReplayJobRunnerOptions } from './replay-job.runner';
import { ReplayJobsService } from './replay-jobs.service';

const A = '0b7f6f1e-3333-4a2b-8c3d-0000000000aa';
const B = '0b7f6f1e-3333-4a2b-8c3d-0000000000bb';
const T0 = Date.UTC(2026, 10, 30, 0, 0, 0);
const LEASE_MS = 10_000;

function delivery(tenantId: string, id: string, createdAt: number, extra: Partial<DeliveryEntity> = {}): DeliveryEntity {
  return Object.assign(new DeliveryEntity(), {
    id, tenantId, source: 'application_webhook', subscriptionId: '7', url: 'http://127.0.0.1/', event: 'e', payload: '{}', headers: {},
    policy: { kind: 'bearer', timeoutMs: 1000, maxAttempts: 1 }, authorizationSealed: null, traceparent: null, state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'EXHAUSTED',
    attempts: 1, nextAttemptAt: null, createdAt: new Date(createdAt), updatedAt: new Date(createdAt), closedAt: new Date(createdAt), version: 1, wakeAt: null, queued: 0,
    ...extra,
  } satisfies Partial<DeliveryEntity>);
}

/** Records every recall; `gate` lets a test hold a runner in the middle of a page. */
class RecallLog {
  readonly calls: Array<{ holder: string; id: string }> = [];
  gate: ((holder: string, id: string) => Promise<void>) | null = null;

  for(holder: string): ReplayJobRunnerOptions['recall'] {
    return async (_tenantId, id) => {
      if (this.gate) await this.gate(holder, id);
      this.calls.push({ holder, id });
      return true;
    };
  }
}

describe.each(['sqlite', 'postgres'] as const)('bulk replay jobs on %s', (driver) => {
  let ds: DataSource;
  let jobs: ReplayJobRepository;
  let log: DeliveryLog;
  let service: ReplayJobsService;
  let clock = T0 + 3_600_000;

  const runner = (holder: string, recalls: RecallLog, pageSize = 5, turnMs = Infinity, maxInFlight = 1_000_000): ReplayJobRunner => new ReplayJobRunner(jobs, log, {
    holder, leaseMs: LEASE_MS, pageSize, turnMs, now: () => clock, recall: recalls.for(holder), warn: () => undefined,
    maxInFlight, inFlight: (tenantId, cap) => log.countRecallsInFlight(tenantId, cap),
  });
  const create = (tenantId: string, filter: Record<string, unknown>, idempotencyKey?: string): ReturnType<ReplayJobsService['create']> =>
    service.create(Object.assign(new CreateReplayJobCommand(), { tenantId, filter, ...(idempotencyKey ? { idempotencyKey } : {}) }));

  beforeAll(async () => {
    const target: DatabaseTarget = driver === 'sqlite' ? { driver: 'sqlite', path: tempSqlitePath() } : { driver: 'postgres', url: await createTestDatabase('replay_jobs') };
    ds = await openDataSource(target, 'delivery');
    jobs = new ReplayJobRepository(ds);
    log = new DeliveryLog(new DeliveryRepository(ds));
    service = new ReplayJobsService(jobs, { wake: () => undefined } as unknown as ReplayJobLoop);
  });

  afterAll(async () => {
    await ds?.destroy();
  });

  beforeEach(async () => {
    await ds.query('DELETE FROM replay_jobs');
    await ds.query('DELETE FROM deliveries');
  });

  it('pressing twice while the job is queued returns that job; an Idempotency-Key returns its first answer; another tenant gets its own', async () => {
    const first = await create(A, { subscription_id: '7', close_reason: 'EXHAUSTED' });
    expect(first).toMatchObject({ created: true, job: { status: 'queued', matched: 0, replayed: 0, filter: { subscription_id: '7', close_reason: 'EXHAUSTED' } } });
    expect(first.job.filter.created_to).toEqual(expect.any(String));
    const again = await create(A, { close_reason: 'EXHAUSTED', subscription_id: '7' });
    expect(again).toEqual({ created: false, job: first.job });
    const keyed = await create(A, { source: 'integration_point' }, 'k-1');
    expect(keyed.created).toBe(true);
    expect(await create(A, { source: 'integration_point', state: 'CLOSED' }, 'k-1')).toEqual({ created: true, job: keyed.job });
    const other = await create(B, { subscription_id: '7', close_reason: 'EXHAUSTED' });
    expect(other.created).toBe(true);
    expect(other.job.id).not.toBe(first.job.id);
    await expect(service.get({ tenantId: B, id: first.job.id })).rejects.toThrow(ServiceException);
    expect((await service.list({ tenantId: A })).map((j) => j.id)).toEqual([keyed.job.id, first.job.id]);
  });

  it('refuses a filter with an unknown name or a bad value (400), never widening the replay', async () => {
    await expect(create(A, { stat: 'CLOSED' })).rejects.toThrow('unknown filter "stat"');
    await expect(create(A, { close_reason: 'FAILED' })).rejects.toThrow('close_reason must be one of');
  });

  it('two runners on one job never replay the same page: every matching delivery is recalled exactly once, up to the snapshot bound', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => delivery(A, `d-${String(i).padStart(2, '0')}`, T0 + Math.floor(i / 3) * 1000));
    rows.push(delivery(A, 'delivered', T0, { closeReason: 'DELIVERED' }), delivery(A, 'other-sub', T0, { subscriptionId: '8' }), delivery(B, 'b-1', T0));
    const expected = rows.filter((r) => r.id.startsWith('d-') && r.createdAt.getTime() <= T0 + 6_000).map((r) => r.id);
    await ds.getRepository(DeliveryEntity).insert(rows);
    const { job } = await create(A, { subscription_id: '7', close_reason: 'EXHAUSTED', created_to: String(T0 + 6_000) });
    // A delivery created after the job's snapshot bound is not part of it.
    await ds.getRepository(DeliveryEntity).insert([delivery(A, 'later', T0 + 60_000)]);
    const recalls = new RecallLog();
    // Each recall yields, so the two runners interleave page by page.
    recalls.gate = () => new Promise((resolve) => setImmediate(resolve));
    const ran = await Promise.all([runner('one', recalls).runOnce(), runner('two', recalls).runOnce()]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    const ids = recalls.calls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(await service.get({ tenantId: A, id: job.id })).toMatchObject({ status: 'completed', matched: expected.length, replayed: expected.length, error: null });
  });

  it('jobs take turns: a tenant\'s big replay does not hold up another tenant\'s job created after it', async () => {
    const big = Array.from({ length: 30 }, (_, i) => delivery(A, `a-${String(i).padStart(2, '0')}`, T0 + i));
    const small = Array.from({ length: 4 }, (_, i) => delivery(B, `b-${i}`, T0 + i));
    await ds.getRepository(DeliveryEntity).insert([...big, ...small]);
    await create(A, { subscription_id: '7' });
    clock += 1;
    // created_at comes from the service's clock (Date.now): make A's earlier than B's, not a tie broken by the random ids.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await create(B, { subscription_id: '7' });
    const recalls = new RecallLog();
    // A turn of one page (5 deliveries): each runOnce advances one job by a page, then lets go of it.
    const one = runner('one', recalls, 5, 0);
    for (let turn = 0; turn < 20 && (await one.runOnce()); turn++) clock += 1;
    const order = recalls.calls.map((c) => c.id);
    expect(order).toHaveLength(34);
    // B's whole job ran right after A's first page, not after A's 30 deliveries.
    expect(order.slice(5, 9).sort()).toEqual(['b-0', 'b-1', 'b-2', 'b-3']);
    const [jobA, jobB] = [await service.list({ tenantId: A, limit: '10' }), await service.list({ tenantId: B, limit: '10' })];
    expect(jobA[0]).toMatchObject({ status: 'completed', matched: 30, replayed: 30 });
    expect(jobB[0]).toMatchObject({ status: 'completed', matched: 4, replayed: 4 });
  });

  it('throttles: a job lets go while its tenant has maxInFlight recalls waiting for their attempt, and goes on as they are attempted', async () => {
    await ds.getRepository(DeliveryEntity).insert(Array.from({ length: 30 }, (_, i) => delivery(A, `a-${String(i).padStart(2, '0')}`, T0 + i)));
    // Another tenant's waiting recalls do not count against A.
    await ds.getRepository(DeliveryEntity).insert(Array.from({ length: 12 }, (_, i) => delivery(B, `b-${i}`, T0 + i, { state: 'OPEN', applicationState: 'RECALL', closeReason: null, closedAt: null })));
    const { job } = await create(A, { subscription_id: '7' });
    const recalls = new RecallLog();
    // What engine.recall does to the row: OPEN, application_state RECALL until its attempt is recorded.
    recalls.gate = async (_holder, id) => {
      await ds.getRepository(DeliveryEntity).update({ id }, { state: 'OPEN', applicationState: 'RECALL', closeReason: null, closedAt: null });
    };
    const throttled = runner('one', recalls, 5, Infinity, 10);
    expect(await throttled.runOnce()).toBe(true); // two pages, then 10 wait: it lets go
    expect(recalls.calls).toHaveLength(10);
    expect(await log.countRecallsInFlight(A, 10)).toBe(10);
    expect(await service.get({ tenantId: A, id: job.id })).toMatchObject({ status: 'running', matched: 10, replayed: 10 });
    expect(await throttled.runOnce()).toBe(false); // still 10 waiting: nothing recalled
    expect(recalls.calls).toHaveLength(10);
    // The attempts happen (the engine records them): room for more.
    await ds.getRepository(DeliveryEntity).update({ tenantId: A, applicationState: 'RECALL' }, { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED', closedAt: new Date(clock) });
    clock += 1;
    expect(await throttled.runOnce()).toBe(true);
    expect(recalls.calls).toHaveLength(20);
    await ds.getRepository(DeliveryEntity).update({ tenantId: A, applicationState: 'RECALL' }, { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED', closedAt: new Date(clock) });
    clock += 1;
    expect(await throttled.runOnce()).toBe(true);
    expect(new Set(recalls.calls.map((c) => c.id)).size).toBe(30);
    expect(await service.get({ tenantId: A, id: job.id })).toMatchObject({ status: 'completed', matched: 30, replayed: 30 });
  });

  it('retention deletes finished jobs that finished before the horizon, never a queued one', async () => {
    await ds.getRepository(DeliveryEntity).insert([delivery(A, 'd-1', T0)]);
    const { job: done } = await create(A, { subscription_id: '7' });
    expect(await runner('one', new RecallLog()).runOnce()).toBe(true);
    expect(await service.get({ tenantId: A, id: done.id })).toMatchObject({ status: 'completed' });
    const { job: waiting } = await create(A, { subscription_id: '8' });
    // Finished at `clock`: kept while the horizon is before that, deleted once it is after.
    expect(await jobs.pruneFinishedBefore(clock, 10)).toBe(0);
    expect(await jobs.pruneFinishedBefore(clock + 1, 10)).toBe(1);
    expect(await jobs.findById(A, done.id)).toBeNull();
    expect(await jobs.findById(A, waiting.id)).toMatchObject({ status: 'queued' });
  });

  it('a job whose runner died resumes from its checkpoint once the lease has passed, and the dead runner cannot write again', async () => {
    await ds.getRepository(DeliveryEntity).insert(Array.from({ length: 12 }, (_, i) => delivery(A, `d-${String(i).padStart(2, '0')}`, T0 + i * 1000)));
    const { job } = await create(A, { source: 'application_webhook' });
    const recalls = new RecallLog();
    let release: () => void = () => undefined;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    // The first runner does one page of 5, then hangs in the middle of its second (a stalled or killed process).
    recalls.gate = async (holder) => {
      if (holder === 'dying' && recalls.calls.filter((c) => c.holder === 'dying').length >= 5) await stuck;
    };
    const dying = runner('dying', recalls).runOnce();
    await waitFor(async () => (await service.get({ tenantId: A, id: job.id })).replayed === 5);
    expect(await runner('early', new RecallLog()).runOnce()).toBe(false); // its lease still holds
    clock += LEASE_MS + 1;
    recalls.gate = null;
    expect(await runner('heir', recalls).runOnce()).toBe(true);
    const heir = recalls.calls.filter((c) => c.holder === 'heir').map((c) => c.id);
    // Newest first: the dead runner did d-11..d-07; the heir starts right below its checkpoint.
    expect(heir).toEqual(['d-06', 'd-05', 'd-04', 'd-03', 'd-02', 'd-01', 'd-00']);
    expect(await service.get({ tenantId: A, id: job.id })).toMatchObject({ status: 'completed', matched: 12, replayed: 12 });
    release();
    await dying;
    expect(await service.get({ tenantId: A, id: job.id })).toMatchObject({ status: 'completed', matched: 12, replayed: 12 });
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
