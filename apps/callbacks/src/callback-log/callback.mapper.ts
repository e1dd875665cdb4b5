import { CallbackAttemptView, CallbackView } from '@hookrelay/contracts';
import { formatConpeekDate } from '@hookrelay/filtering';
import { DeliveryAttemptEntity, DeliveryEntity } from '@hookrelay/persistence';
import { parsedPayload } from '../deliveries/parsed-payload.util';

const date = (value: Date | null): string | null => (value ? formatConpeekDate(value) : null);

/** The full callback (GET /callback/{id}): payload and attempt history included. */
export function toCallbackView(delivery: DeliveryEntity, attempts?: DeliveryAttemptEntity[]): CallbackView {
  return {
    id: delivery.id,
    source: delivery.source,
    subscription_id: delivery.subscriptionId,
    url: delivery.url,
    event: delivery.event,
    ...(attempts ? { payload: parsedPayload(delivery.payload) } : {}),
    state: delivery.state,
    application_state: delivery.applicationState,
    close_reason: delivery.closeReason,
    attempts: delivery.attempts,
    next_attempt_date: delivery.state === 'CLOSED' ? null : date(delivery.nextAttemptAt),
    created_date: formatConpeekDate(delivery.createdAt),
    closed_date: date(delivery.closedAt),
    ...(attempts ? { call_history: attempts.map(toAttemptView) } : {}),
  };
}

function toAttemptView(attempt: DeliveryAttemptEntity): CallbackAttemptView {
  return {
    attempt: attempt.number,
    date: formatConpeekDate(attempt.attemptedAt),
    duration_ms: attempt.durationMs,
    status_code: attempt.statusCode,
    error: attempt.error,
    response: attempt.responseSnippet,
  };
}
