import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { TimeoutError } from 'rxjs';
import { isSafeToResend, toServiceException } from './service-client';

class EmptyResponseException extends Error {}

describe('toServiceException', () => {
  it.each([
    ['a service error body', { code: 'NOT_FOUND', message: 'integration point not found' }, ServiceErrorCode.NotFound, 'integration point not found'],
    ['a timeout', new TimeoutError(), ServiceErrorCode.Timeout, 'the webhooks service did not answer within 250 ms'],
    ['no responders', new EmptyResponseException('Empty response. There are no subscribers listening to that message'), ServiceErrorCode.Unavailable, 'the webhooks service is not running'],
    ['a closed connection', new Error('CONNECTION_CLOSED'), ServiceErrorCode.Unavailable, 'the message bus is unavailable'],
    ["Nest's generic error", { status: 'error', message: 'Internal server error' }, ServiceErrorCode.Internal, 'request to webhooks.application-webhook.get.v1 failed'],
  ])('maps %s', (_name, error, code, message) => {
    const mapped = toServiceException(error, 'webhooks.application-webhook.get.v1', 250);
    expect(mapped).toBeInstanceOf(ServiceException);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toBe(message);
  });
});

describe('isSafeToResend', () => {
  it.each([
    [{ idempotencyKey: 'k-1', applicationId: 9 }, true],
    [{ idempotencyKey: '' }, false],
    [{ idempotencyKey: undefined }, false],
    [{ idempotencyKey: 7 }, false],
    [{ applicationId: 9 }, false],
    [null, false],
    ['idempotencyKey', false],
  ])('%j → %s', (payload, expected) => {
    expect(isSafeToResend(payload)).toBe(expected);
  });
});
