import { ExecHandlerReply, ExecResult, servedExecHeaders, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { describeValidationErrors } from '@hookrelay/messaging';
import { validateSync } from 'class-validator';

/**
 * A synchronous handler's NATS reply → what /exec serves. Whatever the handler sent, the outcome is
 * either a response Node can send (status in range, headers without CR/LF/NUL or characters above \xff,
 * a base64 body) with only the allowed headers plus the security ones, or a 502 naming the problem —
 * never an exception that becomes a 500.
 */
export function parseExecHandlerReply(data: Uint8Array, scriptCode: string): ExecResult {
  const invalid = (why: string): ServiceException => new ServiceException(ServiceErrorCode.BadGateway, `handler "${scriptCode}" answered an invalid reply: ${why}`);
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch {
    throw invalid('not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('not an object');
  // Only the three known fields, copied as they are: no deep transformation of whatever else was sent.
  const { status, headers, body_base64 } = raw as Record<string, unknown>;
  const reply = Object.assign(new ExecHandlerReply(), { status, headers, body_base64 });
  const errors = validateSync(reply);
  if (errors.length > 0) throw invalid(describeValidationErrors(errors).join('; '));
  return { status: reply.status, headers: servedExecHeaders(reply.headers ?? {}), bodyBase64: reply.body_base64 ?? '' };
}
