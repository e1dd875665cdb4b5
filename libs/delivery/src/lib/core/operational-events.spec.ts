import { CapturingOperationalEvents, engineHarness, EngineHarness, ok } from '../../testing/engine-harness';
import type { EnginePolicy } from '../engine/delivery-policy.types';
import { OPERATIONAL_EVENT_RELAY_GRACE_MS, OPERATIONAL_EVENT_RELAY_MAX_AGE_MS } from './operational-event-emitter';
import type { SubscriptionKey } from './ports/delivery-store.port';

const TENANT = '11111111-1111-4111-8111-111111111111';
const RETRY: EnginePolicy = { kind: 'bearer', timeoutMs: 5_000, maxAttempts: 3 };
const ONCE: EnginePolicy = { kind: 'bearer', timeoutMs: 5_000, maxAttempts: 1 };
const APP: SubscriptionKey = { tenantId: TENANT, source: 'application_webhook', subscriptionId: '9' };
const OPS: SubscriptionKey = { tenantId: TENANT, source: 'operational_webhook', subscriptionId: TENANT };

function harness(): { h: EngineHarness; events: CapturingOperationalEvents } {
  const events = new CapturingOperationalEvents();
  return { h: engineHarness({}, { count: 1, rank: 0 }, undefined, events), events };
}

async function deliverOnce(h: EngineHarness, key: SubscriptionKey, policy: EnginePolicy): Promise<string> {
  await h.engine.targets.upsert(key, { url: 'http://receiver.test/hook', headers: {}, policy, authorization: null });
  const [id] = await h.engine.intake.accept([{ ...key, url: 'http://receiver.test/hook', event: 'e', payload: '{}', headers: {}, policy, authorization: null }], { reply: (ids) => ids });
  for (const job of h.publisher.take()) await h.engine.processor.handle(job);
  return id!;
}

describe('operational events of the engine', () => {
  it('the circuit breaker pausing a subscription (410) → one subscription.paused with the reason', async () => {
    const { h, events } = harness();
    h.http.respond = () => ok(410);
    await deliverOnce(h, APP, RETRY);
    expect(events.events).toEqual([{ id: expect.any(String), tenantId: TENANT, type: 'subscription.paused', occurredAt: h.clock.now(), data: { source: 'application_webhook', subscriptionId: '9', url: 'http://receiver.test/hook', reason: 'HTTP 410' } }]);
    // The outbox row went in with the pause and is marked dispatched.
    expect(h.store.operationalEvents()).toEqual([expect.objectContaining({ id: events.events[0]!.id, type: 'subscription.paused', dispatchedAt: h.clock.now() })]);
  });

  it('a failure that only starts the failure streak → no event', async () => {
    const { h, events } = harness();
    h.http.respond = () => ok(500);
    await deliverOnce(h, APP, RETRY);
    expect(events.events).toEqual([]);
  });

  it('a delivery closing EXHAUSTED → delivery.exhausted with its id; a delivered one → nothing', async () => {
    const { h, events } = harness();
    h.http.respond = () => ok(500);
    const id = await deliverOnce(h, APP, ONCE);
    expect(events.events).toEqual([expect.objectContaining({ type: 'delivery.exhausted', data: { source: 'application_webhook', subscriptionId: '9', url: 'http://receiver.test/hook', reason: 'HTTP 500', deliveryId: id } })]);
    h.http.respond = () => ok(200);
    await deliverOnce(h, APP, ONCE);
    expect(events.events).toHaveLength(1);
  });

  it('never for the operational webhook itself (no loop): neither its pause nor its exhaustion', async () => {
    const { h, events } = harness();
    h.http.respond = () => ok(500);
    await deliverOnce(h, OPS, ONCE);
    h.http.respond = () => ok(410);
    await deliverOnce(h, OPS, RETRY);
    expect(await h.engine.targets.isPaused(OPS)).toBe(true);
    await h.engine.targets.resume(OPS);
    expect(await h.engine.targets.pause(OPS)).toBe('paused');
    expect(events.events).toEqual([]);
  });

  it('manual pause → subscription.paused (reason manual) once; pausing again → no event; unknown → null', async () => {
    const { h, events } = harness();
    await h.engine.targets.upsert(APP, { url: 'http://receiver.test/hook', headers: {}, policy: RETRY, authorization: null });
    expect(await h.engine.targets.pause(APP)).toBe('paused');
    expect(await h.engine.targets.pause(APP)).toBe('already');
    expect(await h.engine.targets.pause({ ...APP, subscriptionId: 'nope' })).toBeNull();
    expect(events.types()).toEqual(['subscription.paused application_webhook/9']);
    expect(events.events[0]!.data).toMatchObject({ reason: 'manual', url: 'http://receiver.test/hook' });
  });

  it('resume → subscription.resumed only when it was paused; a recall that resumes reports it too', async () => {
    const { h, events } = harness();
    await h.engine.targets.upsert(APP, { url: 'http://receiver.test/hook', headers: {}, policy: RETRY, authorization: null });
    expect(await h.engine.targets.resume(APP)).toBe(0);
    expect(events.events).toEqual([]);
    await h.engine.targets.pause(APP);
    expect(await h.engine.targets.resume(APP)).toBe(0);
    h.http.respond = () => ok(410);
    const id = await deliverOnce(h, APP, RETRY);
    expect(await h.engine.recall(TENANT, id)).toBe(true);
    expect(events.types()).toEqual([
      'subscription.paused application_webhook/9', 'subscription.resumed application_webhook/9',
      'subscription.paused application_webhook/9', 'subscription.resumed application_webhook/9',
    ]);
  });

  it('a dispatch that fails never fails the work: the job is acked, the pause stays, its event stays stored undispatched', async () => {
    const { h, events } = harness();
    events.failing = true;
    h.http.respond = () => ok(410);
    await h.engine.targets.upsert(APP, { url: 'http://receiver.test/hook', headers: {}, policy: RETRY, authorization: null });
    await h.engine.intake.accept([{ ...APP, url: 'http://receiver.test/hook', event: 'e', payload: '{}', headers: {}, policy: RETRY, authorization: null }], { reply: (ids) => ids });
    const verdicts = [];
    for (const job of h.publisher.take()) verdicts.push((await h.engine.processor.handle(job)).kind);
    expect(verdicts).toEqual(['ack']);
    expect(await h.engine.targets.isPaused(APP)).toBe(true);
    expect(h.warnings.some((w) => w.includes('operational event subscription.paused') && w.includes('not dispatched yet'))).toBe(true);
    expect(h.store.operationalEvents()).toEqual([expect.objectContaining({ type: 'subscription.paused', dispatchedAt: null, deliveryId: null })]);
  });

  it('the relay dispatches what a failed (or never made) dispatch left behind, once it is older than the grace, and only once', async () => {
    const { h, events } = harness();
    events.failing = true;
    await h.engine.targets.upsert(APP, { url: 'http://receiver.test/hook', headers: {}, policy: RETRY, authorization: null });
    await h.engine.targets.pause(APP);
    h.clock.advance(1);
    h.http.respond = () => ok(500);
    const exhaustedId = await deliverOnce(h, { ...APP, subscriptionId: '10' }, ONCE);
    const stored = h.store.operationalEvents();
    expect(stored.map((e) => [e.type, e.dispatchedAt])).toEqual([['subscription.paused', null], ['delivery.exhausted', null]]);
    events.failing = false;

    // The pause is 1 ms older than the exhaustion: exactly the grace old is not yet older than the grace.
    h.clock.advance(OPERATIONAL_EVENT_RELAY_GRACE_MS - 1);
    expect(await h.engine.operationalEvents.relay()).toBe(0);
    expect(events.events).toEqual([]);
    h.clock.advance(2);
    expect(await h.engine.operationalEvents.relay()).toBe(2);
    // The relayed events are the stored ones, read back whole (same id, time and data).
    expect(events.events).toEqual([
      { id: stored[0]!.id, tenantId: TENANT, type: 'subscription.paused', occurredAt: stored[0]!.occurredAt, data: { source: 'application_webhook', subscriptionId: '9', url: 'http://receiver.test/hook', reason: 'manual' } },
      { id: stored[1]!.id, tenantId: TENANT, type: 'delivery.exhausted', occurredAt: stored[1]!.occurredAt, data: { source: 'application_webhook', subscriptionId: '10', url: 'http://receiver.test/hook', reason: 'HTTP 500', deliveryId: exhaustedId } },
    ]);
    expect(h.store.operationalEvents().every((e) => e.dispatchedAt === h.clock.now())).toBe(true);
    expect(await h.engine.operationalEvents.relay()).toBe(0);
    expect(events.events).toHaveLength(2);
  });

  it('the relay leaves events older than its maximum age (beyond the webhook idempotency window) alone', async () => {
    const { h, events } = harness();
    events.failing = true;
    await h.engine.targets.upsert(APP, { url: 'http://receiver.test/hook', headers: {}, policy: RETRY, authorization: null });
    await h.engine.targets.pause(APP);
    events.failing = false;
    h.clock.advance(OPERATIONAL_EVENT_RELAY_MAX_AGE_MS + 1);
    expect(await h.engine.operationalEvents.relay()).toBe(0);
    expect(events.events).toEqual([]);
  });

  it('a change that does not apply stores no event: a stale health write, a second pause, a resume of a running subscription', async () => {
    const { h } = harness();
    await h.engine.targets.upsert(APP, { url: 'http://receiver.test/hook', headers: {}, policy: RETRY, authorization: null });
    expect(await h.engine.targets.resume(APP)).toBe(0);
    expect(await h.engine.targets.pause(APP)).toBe('paused');
    expect(await h.engine.targets.pause(APP)).toBe('already');
    expect(await h.store.setHealth(APP, { failingSince: 1, pausedAt: 2, lastError: 'x' }, 3, true, h.engine.operationalEvents.prepare('subscription.paused', APP, {})!.row)).toBe(false);
    expect(h.store.operationalEvents().map((e) => e.type)).toEqual(['subscription.paused']);
  });
});
