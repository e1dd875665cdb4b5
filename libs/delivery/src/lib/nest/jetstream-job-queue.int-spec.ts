import { DELIVERY_CONSUMERS_V2, DeliveryJobV2, DeliveryLane, STREAMS } from '@hookrelay/contracts';
import { runSchemaMigrations } from '@hookrelay/persistence';
import { tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { connect, NatsConnection } from 'nats';
import { EngineNode, resetJobLanes, startEngineNode } from '../../testing/engine-node';
import type { EnginePolicy } from '../engine/delivery-policy.types';
import { JetStreamJobQueue } from './jetstream-job-queue';

/**
 * The lanes' backlog on a real nats-server: oldestWaitingAt is when the oldest job not yet handed to a worker
 * was stored, in either lane — what lets the scheduler tell a lost job (published before it) from a late one.
 */
describe('JetStreamJobQueue.oldestWaitingAt', () => {
  let nc: NatsConnection;

  const job = (deliveryId: string): DeliveryJobV2 => ({
    tenantId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', deliveryId, source: 'application_webhook', subscriptionId: 's', event: 'e', payload: '{}',
    attempts: 0, version: 0, applicationState: 'NEW', createdAt: 0, snapshot: { url: 'http://127.0.0.1:9/x', headers: {}, policy: {}, authorizationSealed: null },
  });
  /** A fresh queue object each time: the answer is cached for a second per object. */
  const oldest = (): Promise<number | null> => new JetStreamJobQueue(nc).oldestWaitingAt();
  const publish = async (lane: DeliveryLane, id: string): Promise<{ before: number; after: number }> => {
    const before = Date.now();
    await new JetStreamJobQueue(nc).publish(lane, [{ job: job(id), messageId: id, traceparent: null }]);
    return { before, after: Date.now() };
  };
  /** What a lane worker does with the next job: takes it and acks it. */
  const work = async (lane: DeliveryLane): Promise<string> => {
    const consumer = await nc.jetstream().consumers.get(STREAMS.deliveryJobs.name, DELIVERY_CONSUMERS_V2[lane]);
    const message = await consumer.next({ expires: 5_000 });
    if (!message) throw new Error(`no job on the ${lane} lane`);
    message.ack();
    await nc.flush();
    return (message.json() as DeliveryJobV2).deliveryId;
  };

  beforeAll(async () => {
    await resetJobLanes(testNatsUrl());
    nc = await connect({ servers: testNatsUrl() });
    await new JetStreamJobQueue(nc).ensureConsumers(30_000, 1_000);
  });

  afterAll(async () => {
    await nc?.close();
    await resetJobLanes(testNatsUrl());
  });

  it('is null with nothing waiting, the oldest waiting job\'s store time across both lanes, and moves on as workers take jobs', async () => {
    expect(await oldest()).toBeNull();
    const a = await publish('fresh', 'job-a');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const b = await publish('retry', 'job-b');
    await new Promise((resolve) => setTimeout(resolve, 30));
    const c = await publish('fresh', 'job-c');

    const first = await oldest();
    expect(first).toBeGreaterThanOrEqual(a.before - 5);
    expect(first).toBeLessThanOrEqual(a.after + 5);
    expect(await work('fresh')).toBe('job-a');
    // The fresh lane's next is c, the retry lane's is b: b is older.
    const second = await oldest();
    expect(second).toBeGreaterThanOrEqual(b.before - 5);
    expect(second).toBeLessThanOrEqual(b.after + 5);
    expect(await work('retry')).toBe('job-b');
    const third = await oldest();
    expect(third).toBeGreaterThanOrEqual(c.before - 5);
    expect(third).toBeLessThanOrEqual(c.after + 5);
    expect(await work('fresh')).toBe('job-c');
    expect(await oldest()).toBeNull();
  });
});

/**
 * The scheduler on a real nats-server and SQLite file: a job lost after its commit (here: purged from the
 * stream) comes back on the retry lane while newer jobs still wait in the lanes, and a job still waiting is
 * never published twice. (Until 2026-11-30 any backlog held every lost job back until it was gone.)
 */
describe('lost-job recovery behind a backlog', () => {
  const LEASE_MS = 2_000;
  const ONCE: EnginePolicy = { kind: 'conpeek', retryEnabled: 0, retryConfig: null, timeoutMs: 5_000 };
  const sub = { tenantId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', source: 'application_webhook' as const, subscriptionId: 'sub' };
  const url = 'http://127.0.0.1:9/hook';
  let node: EngineNode | null = null;
  let nc: NatsConnection;

  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  const accept = async (event: string): Promise<string> =>
    (await node!.engine.intake.accept([{ ...sub, url, event, payload: '{}', headers: {}, policy: ONCE, authorization: null }], { reply: (ids) => ids }))[0]!;
  const pending = async (lane: DeliveryLane): Promise<number> => (await (await nc.jetstreamManager()).consumers.info(STREAMS.deliveryJobs.name, DELIVERY_CONSUMERS_V2[lane])).num_pending;
  const take = async (lane: DeliveryLane): Promise<string> => {
    const message = await (await nc.jetstream().consumers.get(STREAMS.deliveryJobs.name, DELIVERY_CONSUMERS_V2[lane])).next({ expires: 5_000 });
    if (!message) throw new Error(`no job on the ${lane} lane`);
    message.ack();
    return (message.json() as DeliveryJobV2).deliveryId;
  };

  beforeAll(async () => {
    await resetJobLanes(testNatsUrl());
    nc = await connect({ servers: testNatsUrl() });
    const path = tempSqlitePath('lost-behind-backlog.sqlite');
    await runSchemaMigrations({ driver: 'sqlite', path }, 'delivery');
    // No lane workers and no scheduler timer: the test calls the scheduler's tick itself.
    node = await startEngineNode({ natsUrl: testNatsUrl(), database: { driver: 'sqlite', path }, worker: false, engine: { leaseMs: LEASE_MS } });
    await node.queue.ensureConsumers(30_000, 1_000);
    await node.engine.targets.upsert(sub, { url, headers: {}, policy: ONCE, authorization: null });
  });

  afterAll(async () => {
    await node?.stop();
    await nc?.close();
    await resetJobLanes(testNatsUrl());
  });

  it('re-publishes the lost job while a newer one waits, and not the waiting one; with no backlog, every lease that ran out', async () => {
    const lost = await accept('lost');
    await (await nc.jetstreamManager()).streams.purge(STREAMS.deliveryJobs.name); // its job is gone
    // More than half a lease later, a job that stays waiting (no worker takes it).
    await sleep(LEASE_MS / 2 + 300);
    const waiting = await accept('waiting');
    expect(await pending('fresh')).toBe(1);
    // Both leases run out.
    await sleep(LEASE_MS + 100);
    expect(await node!.engine.scheduler.tick()).toBe(1);
    expect(await take('retry')).toBe(lost);
    expect(await pending('fresh')).toBe(1);
    expect(await pending('retry')).toBe(0);
    // Once the waiting one is gone too (lost as well), nothing waits: its row comes back as well.
    await (await nc.jetstreamManager()).streams.purge(STREAMS.deliveryJobs.name);
    await sleep(1_100); // the backlog answer is cached for a second
    expect(await node!.engine.scheduler.tick()).toBe(1);
    expect(await take('retry')).toBe(waiting);
  });
});
