import { DeliveryAttemptView, DeliveryDetailView, DeliverySummaryView } from '@hookrelay/contracts';
import { DeliveryAttemptEntity, DeliveryLogRow, LatestAttempt } from '@hookrelay/persistence';
import { parsedPayload } from './parsed-payload.util';

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

/** A delivery as /hookrelay/v1 lists it: snake_case, ISO-8601 UTC times. */
export function toDeliverySummaryView(row: DeliveryLogRow, latest: LatestAttempt | undefined): DeliverySummaryView {
  return {
    id: row.id,
    source: row.source,
    subscription_id: row.subscriptionId,
    url: row.url,
    event: row.event,
    state: row.state,
    application_state: row.applicationState,
    close_reason: row.closeReason,
    attempts: row.attempts,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    closed_at: iso(row.closedAt),
    next_attempt_at: row.state === 'CLOSED' ? null : iso(row.nextAttemptAt),
    last_status_code: latest?.statusCode ?? null,
    last_error: latest?.error ?? null,
  };
}

/** One delivery with its payload, the (masked) headers an attempt sends, and every attempt. */
export function toDeliveryDetailView(row: DeliveryLogRow & { payload: string }, attempts: DeliveryAttemptEntity[], headers: Record<string, string>): DeliveryDetailView {
  const last = attempts[attempts.length - 1];
  const { attempts: _count, ...summary } = toDeliverySummaryView(row, last && { statusCode: last.statusCode, error: last.error });
  return { ...summary, payload: parsedPayload(row.payload), headers, attempts: attempts.map(toAttemptView) };
}

function toAttemptView(attempt: DeliveryAttemptEntity): DeliveryAttemptView {
  return {
    number: attempt.number,
    attempted_at: attempt.attemptedAt.toISOString(),
    duration_ms: attempt.durationMs,
    status_code: attempt.statusCode,
    error: attempt.error,
    response_snippet: attempt.responseSnippet,
  };
}
