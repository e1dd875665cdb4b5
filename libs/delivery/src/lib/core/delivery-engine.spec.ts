import type { DeliveryJobV2 } from '@hookrelay/contracts';
import { SecretBox } from '@hookrelay/secrets';
import { engineHarness, EngineHarness, ok, OTHER_KEY, TEST_KEY } from '../../testing/engine-harness';
import type { EnginePolicy } from '../engine/delivery-policy.types';
import type { HttpAttemptResult } from '../http/http-attempt.types';
import { DeliverySealer } from './delivery-sealer';
import { lostUpTo } from './delivery-scheduler';
import type { SubscriptionKey } from './ports/delivery-store.port';

const TENANT_A = '11111111-1111-4111-8111-111111111111';
const TENANT_B = '22222222-2222-4222-8222-222222222222';
const CONPEEK_RETRY: EnginePolicy = { kind: 'conpeek', retryEnabled: 1, retryConfig: { retry_value: 10, max_retries: 2, backoff_type: 'constant', backoff_value: 0 }, timeoutMs: 5_000 };
const CONPEEK_ONCE: EnginePolicy = { kind: 'conpeek', retryEnabled: 0, retryConfig: null, timeoutMs: 5_000 };

/** The harness's lease (DELIVERY_ACK_WAIT_MS × 2 in the apps). */
const LEASE_MS = 120_000;

const keyOf = (tenantId: string, subscriptionId = 's1'): SubscriptionKey => ({ tenantId, source: 'application_webhook', subscriptionId });

async function subscribe(h: EngineHarness, key: SubscriptionKey, url = 'http://receiver.test/hook', policy: EnginePolicy = CONPEEK_RETRY): Promise<void> {
  await h.engine.targets.upsert(key, { url, headers: { 'x-app': '1' }, policy, authorization: null });
}

async function accept(h: EngineHarness, key: SubscriptionKey, count = 1, idempotencyKey?: string): Promise<string[]> {
  const items = Array.from({ length: count }, (_, i) => ({
    ...key, url: 'http://receiver.test/hook', event: 'order.created', payload: JSON.stringify({ n: i }), headers: {}, policy: CONPEEK_RETRY, authorization: null,
  }));
  return h.engine.intake.accept(items, { idempotency: idempotencyKey ? { tenantId: key.tenantId, key: idempotencyKey } : undefined, reply: (ids) => ids });
}

/** Works every job published so far (both lanes), as the lane workers would. */
async function drain(h: EngineHarness): Promise<string[]> {
  const verdicts: string[] = [];
  for (const job of h.publisher.take()) verdicts.push((await h.engine.processor.handle(job)).kind);
  return verdicts;
}

describe('DeliveryEngine on in-memory ports', () => {
  describe('one attempt and what it leaves behind', () => {
    it.each<[string, EnginePolicy, HttpAttemptResult | Error, object, boolean]>([
      ['2xx → delivered', CONPEEK_RETRY, ok(200), { state: 'CLOSED', applicationState: 'CLOSED', closeReason: 'DELIVERED', attempts: 1, wakeAt: null }, false],
      ['500 with retries left → waits in the database for the scheduler', CONPEEK_RETRY, ok(500), { state: 'OPEN', applicationState: 'RETRY', closeReason: null, attempts: 1, queued: 0 }, false],
      ['500, retries disabled → exhausted', CONPEEK_ONCE, ok(500), { state: 'CLOSED', closeReason: 'EXHAUSTED', attempts: 1 }, false],
      ['410 → disabled, subscription paused', CONPEEK_RETRY, ok(410), { state: 'CLOSED', closeReason: 'DISABLED', attempts: 1 }, true],
      ['webhook-delivery: disable on a 200 → disabled, paused', CONPEEK_RETRY, ok(200, { disableRequested: true }), { state: 'CLOSED', closeReason: 'DISABLED' }, true],
      ['timeout → retry', CONPEEK_RETRY, { result: { kind: 'timeout' }, durationMs: 5000, snippet: '', error: 'timed out' }, { state: 'OPEN', applicationState: 'RETRY', attempts: 1 }, false],
      ['refused by the SSRF guard → exhausted at once', CONPEEK_RETRY, { result: { kind: 'blocked' }, durationMs: 0, snippet: '', error: 'loopback' }, { state: 'CLOSED', closeReason: 'EXHAUSTED' }, false],
      ['the HTTP client throws (a header value it refuses) → a failed attempt, retried', CONPEEK_RETRY, new Error('invalid authorization header'), { state: 'OPEN', applicationState: 'RETRY', attempts: 1 }, false],
      ['the HTTP client throws, no retries → exhausted, never stuck', CONPEEK_ONCE, new Error('a bug'), { state: 'CLOSED', closeReason: 'EXHAUSTED', attempts: 1 }, false],
    ])('%s', async (_name, policy, answer, expected, paused) => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await subscribe(h, key, 'http://receiver.test/hook', policy);
      h.http.respond = () => { if (answer instanceof Error) throw answer; return answer; };
      const [id] = await accept(h, key);
      expect(await drain(h)).toEqual(['ack']);
      expect(h.store.row(id!)).toMatchObject(expected);
      expect(h.store.attempts(id)).toHaveLength(1);
      if (answer instanceof Error) expect(h.store.attempts(id)[0]!.error).toContain(answer.message);
      expect((await h.store.getTarget(key))!.pausedAt !== null).toBe(paused);
    });
  });

  describe('what it reports for the delivery stats (only records that applied)', () => {
    const counts = (delivered: number, retrying: number, failed: number, disabled: number, attempts: number) => ({ delivered, retrying, failed, disabled, attempts });
    it.each<[string, EnginePolicy, HttpAttemptResult, object, boolean]>([
      ['2xx → delivered, a last success', CONPEEK_RETRY, ok(200, { durationMs: 42 }), counts(1, 0, 0, 0, 1), true],
      ['500 with retries left → retrying, a last failure', CONPEEK_RETRY, ok(500, { durationMs: 42 }), counts(0, 1, 0, 0, 1), false],
      ['500, retries disabled → failed', CONPEEK_ONCE, ok(500, { durationMs: 42 }), counts(0, 0, 1, 0, 1), false],
      ['410 → disabled', CONPEEK_RETRY, ok(410, { durationMs: 42 }), counts(0, 0, 0, 1, 1), false],
    ])('%s', async (_name, policy, answer, expected, success) => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await subscribe(h, key, 'http://receiver.test/hook', policy);
      h.http.respond = () => answer;
      await accept(h, key);
      await drain(h);
      const batch = h.stats.drain();
      expect(batch.minutes).toEqual([expect.objectContaining({ tenantId: TENANT_A, minute: h.clock.now() - (h.clock.now() % 60_000), latencyMsSum: 42, ...expected })]);
      expect(batch.latency).toEqual([expect.objectContaining({ bucket: 5, count: 1 })]);
      expect(batch.targets).toEqual([{ key, lastSuccessAt: success ? h.clock.now() : null, lastFailureAt: success ? null : h.clock.now() }]);
    });

    it('a close unattempted because the subscription is paused counts as disabled, without an attempt; a stale job counts nothing', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await subscribe(h, key);
      h.http.respond = () => ok(410);
      await accept(h, key);
      await drain(h);
      h.stats.drain();
      await accept(h, key);
      await drain(h);
      expect(h.stats.drain()).toEqual({ minutes: [expect.objectContaining(counts(0, 0, 0, 1, 0))], latency: [], targets: [] });

      const other = keyOf(TENANT_B);
      await subscribe(h, other);
      h.http.respond = () => ok(200);
      const [id] = await accept(h, other);
      const [stale] = h.publisher.take();
      await h.engine.recall(TENANT_B, id!);
      await h.engine.processor.handle(stale!);
      expect(h.stats.isEmpty).toBe(true);
    });
  });

  it('sends the signed request to the target, with its headers and a capped timeout', async () => {
    const h = engineHarness({ attemptTimeoutCapMs: 2_000 });
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    const [id] = await accept(h, key);
    await drain(h);
    const request = h.http.requests[0]!;
    expect(request.url).toBe('http://receiver.test/hook');
    expect(request.timeoutMs).toBe(2_000);
    expect(request.headers).toMatchObject({ 'x-app': '1', 'webhook-id': id, 'user-agent': 'hookrelay-test' });
    expect(request.headers['webhook-signature']).toMatch(/^v1,/);
  });

  it('reads no target from the database per attempt once the target is cached', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    await accept(h, key, 1);
    await drain(h);
    const readsAfterFirst = h.targetReads();
    await accept(h, key, 50);
    await drain(h);
    expect(h.targetReads()).toBe(readsAfterFirst);
    expect(h.store.rows().filter((r) => r.closeReason === 'DELIVERED')).toHaveLength(51);
  });

  it('a retry waits in the database (no queue slot) and the scheduler publishes it on the retry lane when due', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    h.http.respond = () => ok(503);
    const [id] = await accept(h, key);
    await drain(h);
    expect(h.publisher.published).toHaveLength(0);
    expect(await h.engine.scheduler.tick()).toBe(0); // not due yet
    h.clock.advance(10_000);
    expect(await h.engine.scheduler.tick()).toBe(1);
    const [job] = h.publisher.take('retry');
    expect(job).toMatchObject({ deliveryId: id, attempts: 1, applicationState: 'RETRY' });
    h.http.respond = () => ok(200);
    await h.engine.processor.handle(job!);
    expect(h.store.row(id!)).toMatchObject({ state: 'CLOSED', closeReason: 'DELIVERED', attempts: 2 });
  });

  it('keeps the accepting request\'s trace context: on the fresh job, with the row, and on the retry the scheduler publishes later', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const spans: number[] = [];
    const h = engineHarness({}, undefined, { accept: (deliveries, work) => { spans.push(deliveries); return work(traceparent); } });
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    h.http.respond = () => ok(503);
    const [id] = await accept(h, key);
    expect(spans).toEqual([1]);
    expect(h.publisher.published).toEqual([expect.objectContaining({ lane: 'fresh', traceparent })]);
    expect(h.store.row(id!)).toMatchObject({ traceparent });
    await drain(h);
    h.clock.advance(10_000);
    expect(await h.engine.scheduler.tick()).toBe(1);
    expect(h.publisher.published).toEqual([expect.objectContaining({ lane: 'retry', traceparent })]);
  });

  it('without tracing nothing is stored or sent', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    const [id] = await accept(h, key);
    expect(h.publisher.published).toEqual([expect.objectContaining({ traceparent: null })]);
    expect(h.store.row(id!)).toMatchObject({ traceparent: null });
  });

  it('a URL change reaches deliveries already waiting for a retry', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key, 'http://broken.test/hook');
    h.http.respond = (request) => (request.url.startsWith('http://broken.test') ? ok(500) : ok(200));
    const [id] = await accept(h, key);
    await drain(h);
    await subscribe(h, key, 'http://fixed.test/hook');
    h.clock.advance(10_000);
    await h.engine.scheduler.tick();
    await drain(h);
    expect(h.http.requests.map((r) => r.url)).toEqual(['http://broken.test/hook', 'http://fixed.test/hook']);
    expect(h.store.row(id!)).toMatchObject({ closeReason: 'DELIVERED', url: 'http://fixed.test/hook' });
  });

  it.each<[string, (h: EngineHarness, key: SubscriptionKey) => Promise<unknown>, string]>([
    ['removed subscription → cancelled without an attempt', (h, key) => h.engine.targets.remove(key), 'CANCELLED'],
    ['paused subscription → disabled without an attempt', (h, key) => h.store.setHealth(key, { failingSince: 1, pausedAt: 2, lastError: 'x' }, 3, true), 'DISABLED'],
  ])('%s', async (_name, change, reason) => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    const [id] = await accept(h, key);
    const jobs = h.publisher.take();
    await change(h, key);
    h.engine.cache.invalidate(key);
    for (const job of jobs) await h.engine.processor.handle(job);
    expect(h.store.row(id!)).toMatchObject({ state: 'CLOSED', closeReason: reason, attempts: 0 });
    expect(h.http.requests).toHaveLength(0);
  });

  it('a stale job (the delivery was recalled meanwhile) records its attempt but not its state', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    h.http.respond = () => ok(500);
    const [id] = await accept(h, key);
    const [fresh] = h.publisher.take();
    expect(await h.engine.recall(TENANT_A, id!)).toBe(true);
    await h.engine.processor.handle(fresh!);
    expect(h.store.row(id!)).toMatchObject({ applicationState: 'RECALL', attempts: 0 });
    h.http.respond = () => ok(200);
    await drain(h);
    expect(h.store.row(id!)).toMatchObject({ closeReason: 'DELIVERED', attempts: 1 });
    expect(h.store.attempts(id)).toHaveLength(2);
  });

  it('credentials that no longer decrypt become a failed attempt with the reason, then close per policy', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key, 'http://receiver.test/hook', CONPEEK_ONCE);
    // Secrets sealed under another encryption key (a rotated-away key).
    expect(await h.store.swapTargetSecrets(key, (await h.store.getTarget(key))?.secretsSealed ?? null, new DeliverySealer(new SecretBox(OTHER_KEY)).sealSecrets(key, [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', expiresAt: null }]), 0)).toBe(true);
    h.engine.cache.invalidate(key);
    const [id] = await accept(h, key);
    await drain(h);
    expect(h.http.requests).toHaveLength(0);
    expect(h.store.row(id!)).toMatchObject({ state: 'CLOSED', closeReason: 'EXHAUSTED', attempts: 1 });
    expect(h.store.attempts(id)[0]!.error).toMatch(/not sent: .*cannot be decrypted/);
  });

  describe('idempotent accept', () => {
    it('the same key within 24 h returns the first answer and stores nothing new', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await subscribe(h, key);
      const first = await accept(h, key, 2, 'k-1');
      const again = await accept(h, key, 2, 'k-1');
      expect(again).toEqual(first);
      expect(h.store.rows()).toHaveLength(2);
      expect(h.publisher.published).toHaveLength(2);
      h.clock.advance(24 * 3_600_000 + 1);
      expect(await accept(h, key, 1, 'k-1')).not.toEqual(first);
    });

    it('keys are per tenant', async () => {
      const h = engineHarness();
      await subscribe(h, keyOf(TENANT_A));
      await subscribe(h, keyOf(TENANT_B));
      const a = await accept(h, keyOf(TENANT_A), 1, 'same');
      const b = await accept(h, keyOf(TENANT_B), 1, 'same');
      expect(a).not.toEqual(b);
    });
  });

  it('a failed publish after the commit still delivers: the scheduler takes the rows at once', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    h.publisher.failNext = true;
    const [id] = await accept(h, key);
    expect(h.store.row(id!)).toMatchObject({ state: 'OPEN', queued: 0 });
    expect(await h.engine.scheduler.tick()).toBe(1);
    await drain(h);
    expect(h.store.row(id!)).toMatchObject({ closeReason: 'DELIVERED' });
  });

  it('a PubAck that never comes (its stream leader died) does not hold the request: answered after the wait, the scheduler takes the rows', async () => {
    const h = engineHarness({ freshPublishWaitMs: 50 });
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    h.publisher.hangNext = true;
    const started = Date.now();
    const [id] = await accept(h, key);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(h.store.row(id!)).toMatchObject({ state: 'OPEN', queued: 0 });
    expect(h.warnings.join('\n')).toContain('no PubAck within 50 ms');
    expect(await h.engine.scheduler.tick()).toBe(1);
    await drain(h);
    expect(h.store.row(id!)).toMatchObject({ closeReason: 'DELIVERED' });
  });

  it('a full queue: the request that finds out is accepted (committed, the scheduler sends it), later ones get 503 before anything is stored, until a publish succeeds', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    h.publisher.full = true;
    const [first] = await accept(h, key);
    expect(h.store.row(first!)).toMatchObject({ state: 'OPEN', queued: 0 });
    await expect(accept(h, key, 3)).rejects.toMatchObject({ name: 'ServiceException', code: 'UNAVAILABLE', retryAfterSeconds: 5 });
    await expect(accept(h, key, 1, 'idem-1')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(h.store.rows()).toHaveLength(1);
    expect(h.store.idempotencyKeys()).toHaveLength(0);
    // The scheduler's publishes are refused too: the row waits in the database, the mark stays.
    await expect(h.engine.scheduler.tick()).rejects.toThrow(/queue is full/);
    expect(h.store.row(first!)).toMatchObject({ state: 'OPEN', queued: 0 });
    await expect(accept(h, key)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    // Space again: the scheduler's next publish succeeds, clears the mark, and accepting works at once.
    h.publisher.full = false;
    expect(await h.engine.scheduler.tick()).toBe(1);
    const [second] = await accept(h, key, 1, 'idem-1');
    await drain(h);
    expect(h.store.row(first!)).toMatchObject({ closeReason: 'DELIVERED' });
    expect(h.store.row(second!)).toMatchObject({ closeReason: 'DELIVERED' });
  });

  it('the full mark lapses: after a while one request probes the queue again', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    h.publisher.full = true;
    await accept(h, key);
    await expect(accept(h, key)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    h.clock.advance(2_000);
    h.publisher.full = false;
    await accept(h, key);
    expect(h.store.rows()).toHaveLength(2);
  });

  it('lost jobs are recovered after their lease: at once without a backlog, and behind one only if published well before its oldest job', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    const publishedAt = h.clock.now();
    const [id] = await accept(h, key);
    h.publisher.take(); // the job is lost
    h.clock.advance(LEASE_MS + 1);
    // The oldest waiting job was stored before this one's publish, or too soon after it to rule out a late publish.
    for (const oldest of [publishedAt - 1, publishedAt, publishedAt + LEASE_MS / 2]) {
      h.publisher.oldestWaiting = oldest;
      expect([oldest - publishedAt, await h.engine.scheduler.tick()]).toEqual([oldest - publishedAt, 0]);
    }
    // Every waiting job is newer than this one could be: it is not among them.
    h.publisher.oldestWaiting = publishedAt + LEASE_MS / 2 + 1;
    expect(await h.engine.scheduler.tick()).toBe(1);
    await drain(h);
    expect(h.store.row(id!)).toMatchObject({ closeReason: 'DELIVERED' });
  });

  it('a lost job with no backlog at all comes back once its lease ran out, not before', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    const [id] = await accept(h, key);
    h.publisher.take();
    h.clock.advance(LEASE_MS - 1);
    expect(await h.engine.scheduler.tick()).toBe(0);
    h.clock.advance(1);
    expect(await h.engine.scheduler.tick()).toBe(1);
    await drain(h);
    expect(h.store.row(id!)).toMatchObject({ closeReason: 'DELIVERED' });
  });

  it.each<[string, number | null, number, number]>([
    ['no backlog: every row whose lease ran out', null, 1_000_000, 1_000_000],
    ['a backlog: rows published over leaseMs / 2 before its oldest job', 900_000, 1_000_000, 900_000 + 60_000 - 1],
    ['a backlog newer than now + …: never beyond now', 999_999, 1_000_000, 1_000_000],
    ['a backlog of old jobs: none', 0, 1_000_000, 59_999],
  ])('lostUpTo, %s', (_name, oldest, now, expected) => {
    expect(lostUpTo(oldest, now, 120_000)).toBe(expected);
  });

  describe('fair and isolated', () => {
    it("a busy endpoint's excess jobs are parked in the database, not held, and another tenant passes at once", async () => {
      const h = engineHarness({ perEndpoint: 2, perTenant: 100, slots: 100, maxHoldPerEndpoint: 2 });
      const a = keyOf(TENANT_A);
      const b = keyOf(TENANT_B);
      await subscribe(h, a, 'http://slow.test/hook');
      await subscribe(h, b, 'http://fast.test/hook');
      const gates: Array<() => void> = [];
      h.http.respond = (request) => (request.url.startsWith('http://slow.test') ? new Promise((resolve) => gates.push(() => resolve(ok(200)))) : ok(200));
      await accept(h, a, 10);
      const slowJobs = h.publisher.take();
      const pending = slowJobs.map((job) => h.engine.processor.handle(job));
      await new Promise((resolve) => setImmediate(resolve));
      // 2 attempting + 2 waiting one round; the other 6 parked (acked, waiting in the database).
      const settled = await Promise.all(pending.slice(4));
      expect(settled.every((v) => v.kind === 'ack')).toBe(true);
      expect(h.store.rows().filter((r) => r.queued === 0 && r.state === 'OPEN')).toHaveLength(6);
      const [bId] = await accept(h, b);
      await drain(h);
      expect(h.store.row(bId!)).toMatchObject({ closeReason: 'DELIVERED' });
      while (gates.length > 0) gates.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
      while (gates.length > 0) gates.shift()!();
      await Promise.all(pending.slice(0, 4));
      expect(h.http.requests.filter((r) => r.url.startsWith('http://slow.test'))).toHaveLength(4);
    });

    it.each([[8, 1], [8, 2], [8, 3], [1, 3], [2, 5], [64, 3]])('a cap of %i shared by %i live workers adds up to the cap, each share within one of the others', (cap, workers) => {
      const shares = Array.from({ length: workers }, (_, rank) =>
        engineHarness({ perEndpoint: cap, perTenant: cap }, { count: workers, rank }).engine.gate.capsFor(TENANT_A, `${TENANT_A}|http://receiver.test`).perEndpoint);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(cap);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
    });

    it('a worker with no share of a cap parks the job instead of attempting it', async () => {
      const share = { count: 3, rank: 0 };
      const h = engineHarness({ perEndpoint: 1, perTenant: 100, slots: 100 }, share);
      const key = keyOf(TENANT_A);
      await subscribe(h, key);
      const ranks = [0, 1, 2].filter((rank) => {
        share.rank = rank;
        return h.engine.gate.capsFor(TENANT_A, `${TENANT_A}|http://receiver.test`).perEndpoint === 0;
      });
      expect(ranks).toHaveLength(2);
      share.rank = ranks[0]!;
      const [id] = await accept(h, key);
      await drain(h);
      expect(h.http.requests).toHaveLength(0);
      expect(h.store.row(id!)).toMatchObject({ state: 'OPEN', queued: 0, attempts: 0 });
    });
  });

  it('recall resumes a paused subscription and re-sends what closed DISABLED while it was paused', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    await subscribe(h, key);
    h.http.respond = () => ok(410);
    const [first] = await accept(h, key);
    await drain(h);
    const [second] = await accept(h, key);
    await drain(h);
    expect(h.store.row(second!)).toMatchObject({ closeReason: 'DISABLED', attempts: 0 });
    expect(await h.engine.targets.listPaused(TENANT_A)).toHaveLength(1);
    h.http.respond = () => ok(200);
    await h.engine.recall(TENANT_A, first!);
    await h.engine.scheduler.tick();
    await drain(h);
    expect(h.store.row(first!)).toMatchObject({ closeReason: 'DELIVERED' });
    expect(h.store.row(second!)).toMatchObject({ closeReason: 'DELIVERED' });
    expect(await h.engine.targets.listPaused(TENANT_A)).toHaveLength(0);
  });

  it('jobs from before a subscription had a stored target use what they were accepted with', async () => {
    const h = engineHarness();
    const key = keyOf(TENANT_A);
    // Only secrets known (a target the migration created from subscription_secrets).
    await h.engine.targets.currentSecret(key);
    const job: DeliveryJobV2 = {
      tenantId: TENANT_A, deliveryId: '0190f0f0-0000-7000-8000-000000000001', source: 'application_webhook', subscriptionId: 's1', event: 'e', payload: '{}',
      attempts: 0, version: 0, applicationState: 'NEW', createdAt: 0,
      snapshot: { url: 'http://legacy.test/x', headers: { a: 'b' }, policy: CONPEEK_ONCE as unknown as Record<string, unknown>, authorizationSealed: null },
    };
    await h.engine.processor.handle(job);
    expect(h.http.requests[0]).toMatchObject({ url: 'http://legacy.test/x' });
    expect(h.http.requests[0]!.headers['webhook-signature']).toMatch(/^v1,/);
  });

  describe('signing secrets when first writers race', () => {
    it('of racing first upserts exactly one returns a secret, and it is the one that signs', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      const upsert = (): Promise<{ createdSecret: string | null }> => h.engine.targets.upsert(key, { url: 'http://receiver.test/hook', headers: {}, policy: CONPEEK_ONCE, authorization: null });
      const created = (await Promise.all([upsert(), upsert(), upsert(), upsert()])).map((r) => r.createdSecret).filter((s): s is string => s !== null);
      expect(created).toHaveLength(1);
      expect((await h.engine.targets.signingSecrets(key)).map((s) => s.secret)).toEqual(created);
      expect((await upsert()).createdSecret).toBeNull();
    });

    it('racing currentSecret calls on a target without secrets all answer the one stored', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      const answers = await Promise.all(Array.from({ length: 4 }, () => h.engine.targets.currentSecret(key)));
      expect(new Set(answers).size).toBe(1);
      expect((await h.engine.targets.signingSecrets(key)).map((s) => s.secret)).toEqual([answers[0]]);
    });

    it('racing rotations each return a secret that signs: none is lost to the other\'s write', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      const first = await h.engine.targets.currentSecret(key);
      const [a, b] = await Promise.all([h.engine.targets.rotateSecret(key), h.engine.targets.rotateSecret(key)]);
      expect(a).not.toBe(b);
      // One rotation ran after the other: the later one's secret is current; the earlier one's and the first are in
      // their grace period. (Both reading the same secrets and the last write winning would leave one out.)
      const signing = await h.engine.targets.signingSecrets(key);
      expect(signing.map((s) => s.secret).sort()).toEqual([first, a, b].sort());
      expect(signing.filter((s) => s.expiresAt === null).map((s) => s.secret)).toEqual([signing[0]!.secret]);
      expect([a, b]).toContain(signing[0]!.secret);
    });

    it('a target left with only secrets in their grace period gets a new current one and keeps them', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      const sealer = new DeliverySealer(new SecretBox(TEST_KEY));
      expect(await h.store.swapTargetSecrets(key, null, sealer.sealSecrets(key, [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', expiresAt: Date.now() + 60_000 }]), 0)).toBe(true);
      const current = await h.engine.targets.currentSecret(key);
      expect(current).not.toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
      expect((await h.engine.targets.signingSecrets(key)).map((s) => s.secret)).toEqual([current, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']);
    });
  });

  describe('credentials live with the target only', () => {
    const AUTH = 'Bearer remote-token-0001';
    const credentialed = (h: EngineHarness, key: SubscriptionKey, authorization = AUTH, headers = { 'x-api-key': 'k-1' }): Promise<unknown> =>
      h.engine.targets.upsert(key, { url: 'http://receiver.test/hook', headers, policy: CONPEEK_ONCE, authorization });
    const acceptWith = (h: EngineHarness, key: SubscriptionKey): Promise<string[]> => h.engine.intake.accept([{
      ...key, url: 'http://receiver.test/hook', event: 'e', payload: '{}', headers: { 'x-api-key': 'k-1' }, policy: CONPEEK_ONCE, authorization: AUTH,
    }], { reply: (ids) => ids });

    it('a delivery row and its job carry no copy of the headers or the Authorization; the attempt sends the target\'s', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await credentialed(h, key);
      const [id] = await acceptWith(h, key);
      expect(h.store.row(id!)).toMatchObject({ headers: {}, authorizationSealed: null });
      const [job] = h.publisher.published.map((p) => p.job);
      expect(job!.snapshot).toMatchObject({ headers: {}, authorizationSealed: null });
      await drain(h);
      expect(h.http.requests[0]!.headers).toMatchObject({ 'x-api-key': 'k-1', authorization: AUTH });
    });

    it('the target keeps its headers sealed, not in clear', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await credentialed(h, key);
      const [target] = h.store.targets();
      expect(target!.config).toMatchObject({ legacyHeaders: null, headersSealed: expect.stringMatching(/^v2:/) });
      expect(JSON.stringify(target)).not.toContain('k-1');
    });

    it('a recall of a closed delivery sends the subscription\'s current credentials', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await credentialed(h, key);
      const [id] = await acceptWith(h, key);
      await drain(h);
      expect(h.store.row(id!)).toMatchObject({ closeReason: 'DELIVERED' });
      await credentialed(h, key, 'Bearer rotated-token-0002', { 'x-api-key': 'k-2' });
      await h.engine.recall(TENANT_A, id!);
      await drain(h);
      expect(h.http.requests[1]!.headers).toMatchObject({ 'x-api-key': 'k-2', authorization: 'Bearer rotated-token-0002' });
    });

    it('a recall after the subscription was deleted sends nothing and closes CANCELLED', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await credentialed(h, key);
      const [id] = await acceptWith(h, key);
      await drain(h);
      await h.engine.targets.remove(key);
      expect(await h.engine.recall(TENANT_A, id!)).toBe(true);
      await drain(h);
      expect(h.http.requests).toHaveLength(1);
      expect(h.store.row(id!)).toMatchObject({ state: 'CLOSED', closeReason: 'CANCELLED', headers: {}, authorizationSealed: null });
    });

    it('a subscription whose target knows only its secrets is given its config at accept, so its deliveries need no copy', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      await h.engine.targets.currentSecret(key);
      const [id] = await acceptWith(h, key);
      expect(h.store.row(id!)).toMatchObject({ headers: {}, authorizationSealed: null });
      expect((await h.store.getTarget(key))!.config).toMatchObject({ url: 'http://receiver.test/hook', headersSealed: expect.stringMatching(/^v2:/) });
      await drain(h);
      expect(h.http.requests[0]!.headers).toMatchObject({ 'x-api-key': 'k-1', authorization: AUTH });
    });

    it('never re-creates the target of a deleted subscription at accept', async () => {
      const h = engineHarness();
      const key = keyOf(TENANT_A);
      const [id] = await acceptWith(h, key);
      expect(await h.store.getTarget(key)).toBeNull();
      await drain(h);
      expect(h.http.requests).toHaveLength(0);
      expect(h.store.row(id!)).toMatchObject({ closeReason: 'CANCELLED' });
    });
  });
});
