/**
 * What the delivery worker needs from any vendor's retry settings: how many attempts in total
 * (first attempt included), and the delay before retry n (n = 1 … maxAttempts − 1).
 */
export interface RetryPolicy {
  readonly maxAttempts: number;
  delayMs(retryNumber: number): number;
}
