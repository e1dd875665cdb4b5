import { ExecResult, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { servableExecResult } from './servable-exec-result.util';

const SECURITY = { 'x-content-type-options': 'nosniff', 'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'" };

describe('servableExecResult (the gateway re-checks what the service relays)', () => {
  it('serves the allowed headers plus the security headers, and decodes the body', () => {
    const served = servableExecResult({ status: 201, headers: { 'content-type': 'text/html', 'set-cookie': 'a=1', 'x-handler': 'crm' }, bodyBase64: 'aGk=' });
    expect(served).toEqual({ status: 201, headers: { 'content-type': 'text/html', 'x-handler': 'crm', ...SECURITY }, body: Buffer.from('hi') });
  });

  it.each<[string, ExecResult, string]>([
    ['status 1000', { status: 1000, headers: {}, bodyBase64: '' }, 'status 1000 is not 200-599'],
    ['status 99', { status: 99, headers: {}, bodyBase64: '' }, 'status 99 is not 200-599'],
    ['a CR/LF header value', { status: 200, headers: { 'x-a': 'b\r\nc' }, bodyBase64: '' }, 'headers value of "x-a" has a character HTTP forbids'],
    ['a header value above \\xff', { status: 200, headers: { 'x-a': '\u2603' }, bodyBase64: '' }, 'headers value of "x-a" has a character HTTP forbids'],
    ['a body that is not base64', { status: 200, headers: {}, bodyBase64: '%%%%' }, 'body is not base64'],
  ])('refuses %s with a 502', (_case, result, problem) => {
    let thrown: unknown;
    try {
      servableExecResult(result);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ServiceException);
    expect((thrown as ServiceException).code).toBe(ServiceErrorCode.BadGateway);
    expect((thrown as ServiceException).message).toContain(problem);
  });
});
