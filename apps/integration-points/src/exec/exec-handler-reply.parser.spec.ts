import { EXEC_REPLY_SECURITY_HEADERS, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { parseExecHandlerReply } from './exec-handler-reply.parser';

const bytes = (value: unknown): Uint8Array => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

function problemOf(data: Uint8Array): { code: ServiceErrorCode; message: string } {
  try {
    parseExecHandlerReply(data, 'crm');
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceException);
    return { code: (error as ServiceException).code, message: (error as ServiceException).message };
  }
  throw new Error('expected the reply to be refused');
}

describe('parseExecHandlerReply', () => {
  it.each([
    ['status only', { status: 204 }, { status: 204, headers: EXEC_REPLY_SECURITY_HEADERS, bodyBase64: '' }],
    ['status, allowed headers and a body', { status: 201, headers: { 'Content-Type': 'text/plain', 'Set-Cookie': 'a=1' }, body_base64: 'aGk=' },
      { status: 201, headers: { 'content-type': 'text/plain', ...EXEC_REPLY_SECURITY_HEADERS }, bodyBase64: 'aGk=' }],
    ['unknown fields ignored', { status: 599, extra: { deep: [1, 2] }, headers: null }, { status: 599, headers: EXEC_REPLY_SECURITY_HEADERS, bodyBase64: '' }],
  ])('serves %s', (_case, reply, expected) => {
    expect(parseExecHandlerReply(bytes(reply), 'crm')).toEqual(expected);
  });

  it.each([
    ['not JSON', '<html>', 'not JSON'],
    ['an empty reply', '', 'not JSON'],
    ['an array', [1], 'not an object'],
    ['null', 'null', 'not an object'],
    ['a string status', { status: 'two hundred' }, 'status must be an integer number'],
    ['no status', { body_base64: '' }, 'status must be an integer number'],
    ['status 600', { status: 600 }, 'status must not be greater than 599'],
    ['status 101 (interim)', { status: 101 }, 'status must not be less than 200'],
    ['status 200.5', { status: 200.5 }, 'status must be an integer number'],
    ['CR/LF in a header value', { status: 200, headers: { 'x-a': 'b\r\nSet-Cookie: s=1' } }, 'headers value of "x-a" has a character HTTP forbids'],
    ['a header value above \\xff', { status: 200, headers: { 'x-a': '\u0100' } }, 'headers value of "x-a" has a character HTTP forbids'],
    ['an invalid header name', { status: 200, headers: { 'bad name': '1' } }, 'headers has an invalid header name "bad name"'],
    ['headers as an array', { status: 200, headers: ['x'] }, 'headers must be an object'],
    ['a body that is not base64', { status: 200, body_base64: 'not base64!' }, 'body_base64 must be base64 encoded'],
    ['a body that is not a string', { status: 200, body_base64: 12 }, 'body_base64 must be a string'],
  ])('answers 502 to %s', (_case, reply, problem) => {
    const { code, message } = problemOf(bytes(reply));
    expect(code).toBe(ServiceErrorCode.BadGateway);
    expect(message).toContain(`handler "crm" answered an invalid reply: ${problem}`);
  });

  it('answers 502, not a crash, to a reply nested far deeper than any stack', () => {
    const deep = `{"status":200,"headers":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    expect(problemOf(bytes(deep)).code).toBe(ServiceErrorCode.BadGateway);
  });
});
