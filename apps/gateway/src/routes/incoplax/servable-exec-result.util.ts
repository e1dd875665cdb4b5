import { EXEC_REPLY_STATUS, ExecResult, execReplyHeadersProblem, servedExecHeaders, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { isBase64 } from 'class-validator';

export interface ServableExecResult {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The integration-points service already validated and filtered the handler's reply; the gateway checks
 * again before Express sees it, because a header Express cannot send throws at `res.set()` (a 500 on
 * the API origin) and a header it can send is served from this origin. A bad result is a 502, the
 * headers are filtered to the allowed ones, and the security headers are always set.
 */
export function servableExecResult(result: ExecResult): ServableExecResult {
  const invalid = (why: string): ServiceException => new ServiceException(ServiceErrorCode.BadGateway, `the channel handler's reply cannot be served: ${why}`);
  if (!Number.isInteger(result.status) || result.status < EXEC_REPLY_STATUS.min || result.status > EXEC_REPLY_STATUS.max) {
    throw invalid(`status ${JSON.stringify(result.status)} is not ${EXEC_REPLY_STATUS.min}-${EXEC_REPLY_STATUS.max}`);
  }
  const headersProblem = execReplyHeadersProblem(result.headers);
  if (headersProblem) throw invalid(`headers ${headersProblem}`);
  if (typeof result.bodyBase64 !== 'string' || !isBase64(result.bodyBase64)) throw invalid('body is not base64');
  return { status: result.status, headers: servedExecHeaders(result.headers), body: Buffer.from(result.bodyBase64, 'base64') };
}
