import { requestPath } from './client-error.handler';

describe('requestPath', () => {
  it.each<[string | undefined, string]>([
    ['GET /callback/1 HTTP/1.1\r\nHost: x\r\n\r\n', '/callback/1'],
    ['F@O /rest/v1/service/integration_points?filter=x HTTP/1.1\r\n', '/rest/v1/service/integration_points'],
    ['GET /api/v1/envelope/x y HTTP/1.1\r\n', '/api/v1/envelope/x'],
    ['garbage', ''],
    [undefined, ''],
  ])('%j → %j', (raw, path) => {
    expect(requestPath(raw === undefined ? undefined : Buffer.from(raw, 'latin1'))).toBe(path);
  });
});
