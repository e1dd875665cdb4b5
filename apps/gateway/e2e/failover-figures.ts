import type { AcceptedEvent, FailoverLoadClient } from './failover-load.client';

/** What one fault under load did, as printed by the failover e2e test and recorded in docs/fault-tolerance.md. */
export interface FaultFigures {
  readonly fault: string;
  readonly sent: number;
  readonly accepted: number;
  /** Accepted events never delivered. */
  readonly lost: number;
  /** Deliveries beyond the first of an event, all with its webhook-id (at-least-once). */
  readonly duplicatedDeliveries: number;
  /** Events delivered under a webhook-id other than the one their accept answered: a keyed retry that created a second event. */
  readonly keyedRetryDuplicates: number;
  /** Deliveries of events no client was told were accepted. */
  readonly unknownDeliveries: number;
  /** Non-2xx answers, timeouts and connection errors, each counted before its retry. */
  readonly refusedAnswers: number;
  readonly refusedByKind: Readonly<Record<string, number>>;
  /** Requests still refused when the client gave up. */
  readonly givenUp: number;
  /** Events whose first answer was a refusal, accepted on a retry and delivered. */
  readonly errorThenDelivered: number;
  /**
   * Of those, events the refused request itself had stored (its idempotency key is older than the retry
   * that got the 2xx): an error answered for an event then delivered. Without the key, its retry would
   * have been a second event.
   */
  readonly refusedButStored: number;
  /** Accepted, not yet delivered, at the moment of the fault. */
  readonly pendingAtFault: number;
  /** Fault until the last refused answer (0: none refused). */
  readonly apiRecoveryMs: number;
  /** Fault until every event accepted before it had been delivered. */
  readonly deliveryRecoveryMs: number;
  /** The slowest accept-to-first-delivery of the run. */
  readonly maxDeliveryLatencyMs: number;
  /** The same over the events delivered before the fault: what the load alone gives on this machine. */
  readonly maxDeliveryLatencyBeforeFaultMs: number;
}

/** What the figures read of a receiver's request (the testing lib's ReceivedRequest has these). */
interface ReceivedRequest {
  readonly body: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly receivedAt: number;
}

const UID = /"uid":"([^"]+)"/;

/** The run's deliveries by uid: the webhook-ids seen and the first arrival. */
export function deliveriesByUid(requests: readonly ReceivedRequest[], label: string): Map<string, { ids: string[]; firstAt: number }> {
  const byUid = new Map<string, { ids: string[]; firstAt: number }>();
  for (const request of requests) {
    const uid = UID.exec(request.body)?.[1];
    if (!uid?.startsWith(`${label}-`)) continue;
    const seen = byUid.get(uid) ?? { ids: [], firstAt: request.receivedAt };
    seen.ids.push(String(request.headers['webhook-id']));
    byUid.set(uid, seen);
  }
  return byUid;
}

export function pendingNow(accepted: readonly AcceptedEvent[], requests: readonly ReceivedRequest[], label: string): number {
  const delivered = deliveriesByUid(requests, label);
  return accepted.filter((a) => !delivered.has(a.uid)).length;
}

export function faultFigures(
  fault: string, label: string, load: FailoverLoadClient, requests: readonly ReceivedRequest[], faultAt: number, pendingAtFault: number,
  /** When each event's idempotency key was stored, by uid. */
  keyStoredAt: ReadonlyMap<string, number>,
): FaultFigures {
  const delivered = deliveriesByUid(requests, label);
  const acceptedIds = new Map(load.accepted.map((a) => [a.uid, a.id]));
  const refusedByKind: Record<string, number> = {};
  for (const r of load.refused) refusedByKind[String(r.answer)] = (refusedByKind[String(r.answer)] ?? 0) + 1;
  const beforeFault = load.accepted.filter((a) => a.acceptedAt < faultAt);
  const lastRefusal = Math.max(faultAt, ...load.refused.map((r) => r.at));
  const lastBacklogDelivery = Math.max(faultAt, ...beforeFault.map((a) => delivered.get(a.uid)?.firstAt ?? Infinity));
  return {
    fault,
    sent: load.sentCount,
    accepted: load.accepted.length,
    lost: load.accepted.filter((a) => !delivered.has(a.uid)).length,
    duplicatedDeliveries: [...delivered.values()].reduce((sum, d) => sum + d.ids.length - 1, 0),
    keyedRetryDuplicates: [...delivered].filter(([uid, d]) => acceptedIds.has(uid) && d.ids.some((id) => id !== acceptedIds.get(uid))).length,
    unknownDeliveries: [...delivered.keys()].filter((uid) => !acceptedIds.has(uid)).length,
    refusedAnswers: load.refused.length,
    refusedByKind,
    givenUp: load.givenUp.length,
    errorThenDelivered: load.accepted.filter((a) => a.refusalsBefore > 0 && delivered.has(a.uid)).length,
    refusedButStored: load.accepted.filter((a) => a.refusalsBefore > 0 && (keyStoredAt.get(a.uid) ?? Infinity) < a.sentAt).length,
    pendingAtFault,
    apiRecoveryMs: load.refused.length === 0 ? 0 : lastRefusal - faultAt,
    deliveryRecoveryMs: lastBacklogDelivery - faultAt,
    maxDeliveryLatencyMs: maxLatency(load.accepted, delivered),
    maxDeliveryLatencyBeforeFaultMs: maxLatency(load.accepted.filter((a) => (delivered.get(a.uid)?.firstAt ?? Infinity) < faultAt), delivered),
  };
}

function maxLatency(events: readonly AcceptedEvent[], delivered: ReadonlyMap<string, { firstAt: number }>): number {
  return Math.max(0, ...events.map((a) => (delivered.get(a.uid)?.firstAt ?? a.acceptedAt) - a.acceptedAt));
}
