import BetterSqlite3 from 'better-sqlite3';
import { ServiceErrorCode } from '@hookrelay/contracts';
import { runSchemaMigrations } from '@hookrelay/persistence';
import { HttpReceiver, startReceiver, tempSqlitePath, testNatsUrl } from '@hookrelay/testing';
import { EngineNode, resetJobLanes, startEngineNode } from '../../testing/engine-node';
import { sqliteTestConnection } from '../../testing/store-contract/delivery-store-sql-peek.util';
import { DeliveryQueueFullError } from '../core/delivery-queue-full.error';
import type { EnginePolicy } from '../engine/delivery-policy.types';
import { deliveryJobStreamFrom } from './delivery-job-stream';

/**
 * A full job stream on a real nats-server (DELIVERY_STREAM_MAX_BYTES tiny, discard new, no worker taking
 * jobs): intake answers DeliveryQueueFullError (503 + Retry-After) before storing anything; once a worker
 * drains the stream, it accepts again and every delivery accepted before is delivered.
 */
const TENANT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ONCE: EnginePolicy = { kind: 'conpeek', retryEnabled: 0, retryConfig: null, timeoutMs: 5_000 };
const sub = { tenantId: TENANT, source: 'application_webhook' as const, subscriptionId: 'sub' };
const tinyStream = deliveryJobStreamFrom({ DELIVERY_STREAM_MAX_BYTES: 8 * 1024, DELIVERY_STREAM_MAX_AGE_SECONDS: 600 });

async function until(what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a full delivery job stream', () => {
  const nodes: EngineNode[] = [];
  let receiver: HttpReceiver | null = null;
  jest.setTimeout(90_000);

  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await receiver?.close();
    // Leave the shared stream as the other tests expect it (no limits, empty).
    await resetJobLanes(testNatsUrl());
  });

  it('refuses new requests with 503 + Retry-After before storing them, and loses nothing it accepted', async () => {
    await resetJobLanes(testNatsUrl());
    const path = tempSqlitePath('queue-full.sqlite');
    await runSchemaMigrations({ driver: 'sqlite', path }, 'delivery');
    const database = { driver: 'sqlite' as const, path, synchronous: 'NORMAL' as const };
    receiver = await startReceiver();
    const url = receiver.url('/hook');

    // A replica that accepts but works no jobs: the stream fills.
    const front = await startEngineNode({ natsUrl: testNatsUrl(), database, worker: false, stream: tinyStream });
    nodes.push(front);
    await front.engine.targets.upsert(sub, { url, headers: {}, policy: ONCE, authorization: null });
    const accepted: string[] = [];
    let refusal: unknown = null;
    for (let i = 0; i < 200 && refusal === null; i++) {
      try {
        accepted.push(...(await front.engine.intake.accept([{ ...sub, url, event: 'fill', payload: JSON.stringify({ i, pad: 'x'.repeat(300) }), headers: {}, policy: ONCE, authorization: null }], { reply: (ids) => ids })));
      } catch (error) {
        refusal = error;
      }
    }
    expect(refusal).toBeInstanceOf(DeliveryQueueFullError);
    expect(refusal).toMatchObject({ code: ServiceErrorCode.Unavailable, retryAfterSeconds: 5 });
    expect(accepted.length).toBeGreaterThan(3);
    // The refused request stored nothing; every accepted one is in the database.
    const db = sqliteTestConnection(path);
    try {
      const stored = await Promise.all(accepted.map((id) => db.peek.delivery(id)));
      expect(stored.every((row) => row?.state === 'OPEN')).toBe(true);
      const counted = new BetterSqlite3(path, { readonly: true });
      expect(counted.prepare('SELECT count(*) AS n FROM deliveries').get()).toEqual({ n: accepted.length });
      counted.close();
    } finally {
      await db.close();
    }

    // A worker drains the stream: the queue takes jobs again and accepting works.
    const worker = await startEngineNode({ natsUrl: testNatsUrl(), database, worker: true, stream: tinyStream });
    nodes.push(worker);
    let later: string[] = [];
    await until('accepting again', async () => {
      try {
        later = await front.engine.intake.accept([{ ...sub, url, event: 'later', payload: '{}', headers: {}, policy: ONCE, authorization: null }], { reply: (ids) => ids });
        return true;
      } catch (error) {
        if (!(error instanceof DeliveryQueueFullError)) throw error;
        return false;
      }
    });
    const ids = new Set([...accepted, ...later]);
    await until('every accepted delivery delivered', () => [...ids].every((id) => receiver!.requests.some((r) => r.headers['webhook-id'] === id)));
  });
});
