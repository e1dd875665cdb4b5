import { httpStatusOf, ServiceErrorCode, ServiceException } from './service-error';

describe('ServiceException', () => {
  it.each([
    [ServiceErrorCode.BadRequest, 400], [ServiceErrorCode.Unauthorized, 401], [ServiceErrorCode.Forbidden, 403],
    [ServiceErrorCode.NotFound, 404], [ServiceErrorCode.Conflict, 409], [ServiceErrorCode.PayloadTooLarge, 413],
    [ServiceErrorCode.Unavailable, 503], [ServiceErrorCode.Timeout, 504], [ServiceErrorCode.Internal, 500],
    [ServiceErrorCode.BadGateway, 502],
  ])('%s → HTTP %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('survives a round trip through its wire body', () => {
    const original = new ServiceException(ServiceErrorCode.BadRequest, 'a; b', ['a', 'b']);
    const body = JSON.parse(JSON.stringify(original.toBody()));
    expect(ServiceException.isBody(body)).toBe(true);
    expect(ServiceException.fromBody(body)).toMatchObject({ code: 'BAD_REQUEST', message: 'a; b', details: ['a', 'b'] });
  });

  it('carries Retry-After seconds across the wire, and drops a value that is not a whole number of seconds', () => {
    const full = new ServiceException(ServiceErrorCode.Unavailable, 'full', undefined, undefined, 30);
    expect(ServiceException.fromBody(JSON.parse(JSON.stringify(full.toBody())))).toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 30 });
    expect(ServiceException.fromBody({ code: ServiceErrorCode.Unavailable, message: 'x', retryAfterSeconds: -1 }).retryAfterSeconds).toBeUndefined();
    expect(ServiceException.fromBody({ code: ServiceErrorCode.Unavailable, message: 'x', retryAfterSeconds: 1.5 }).retryAfterSeconds).toBeUndefined();
  });

  it.each([[null], ['x'], [{ message: 'no code' }], [{ code: 'NOPE', message: 'x' }], [{ code: 'NOT_FOUND' }]])('does not take %j for a body', (value) => {
    expect(ServiceException.isBody(value)).toBe(false);
  });
});
