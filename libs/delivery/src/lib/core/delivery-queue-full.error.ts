import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';

/**
 * Intake refused a request because the delivery job queue is full: nothing of it was stored. A
 * ServiceException, so every service answers it as 503 with `Retry-After` in its API's own shape.
 */
export class DeliveryQueueFullError extends ServiceException {
  constructor(retryAfterSeconds: number) {
    super(ServiceErrorCode.Unavailable, 'the delivery queue is full; nothing of this request was accepted, retry later', undefined, undefined, retryAfterSeconds);
  }
}
