import type { HttpAttemptRequest, HttpAttemptResult } from '../../http/http-attempt.types';

/**
 * The HTTP side of one attempt (DeliveryHttpClient on undici, or AxiosHttpAttempter through @nestjs/axios).
 * Network conditions are results; an exception means a bug or a request the client refuses (e.g. a header
 * value undici rejects) — the engine records it as a failed attempt.
 */
export interface HttpAttempter {
  attempt(request: HttpAttemptRequest): Promise<HttpAttemptResult>;
  close(): Promise<void>;
}
