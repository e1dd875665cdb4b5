/** What happened on the wire during one delivery attempt. */
export type AttemptResult =
  | { readonly kind: 'response'; readonly status: number }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'network'; readonly code?: string }
  /** The SSRF guard refused the resolved address; nothing was sent. */
  | { readonly kind: 'blocked' };

/** How a subscription judges success. */
export interface SuccessRule {
  /** DocStudio `successCode`: only this exact status is a success. Absent → any 2xx. */
  readonly successCode?: number;
}

/**
 * - `delivered`: done.
 * - `retry`: a failed attempt; the caller retries if the policy has attempts left (see nextAttemptAt).
 * - `disable`: the receiver said the endpoint is gone; stop and turn the subscription off.
 * - `fail`: stop now, no retry.
 */
export type AttemptOutcomeKind = 'delivered' | 'retry' | 'disable' | 'fail';

/** The verdict on one attempt; `reason` is short English for the attempt history and logs. */
export interface AttemptOutcome {
  readonly outcome: AttemptOutcomeKind;
  readonly reason: string;
}
