import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { httpStatusOf, ServiceErrorBody, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { randomUUID } from 'node:crypto';
import { Observable, throwError } from 'rxjs';
import { isDependencyUnavailableError } from './dependency-unavailable.util';

/** A restarting database is back within seconds; the client's retry should not wait longer. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/**
 * Every error a message handler throws leaves the service as a ServiceErrorBody. Unknown errors are
 * logged with an id and answered as INTERNAL, never with their message (it may hold secrets or SQL);
 * an unreachable dependency (the database restarting) is UNAVAILABLE with Retry-After, so clients retry
 * instead of treating a passing outage as a failure of their request.
 */
@Catch()
export class ServiceRpcExceptionFilter implements ExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    const body = this.toBody(exception, host);
    if (host.getType() === 'http') {
      // A service's own HTTP surface is only its ops endpoints; answer them in the same body shape.
      host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>().status(httpStatusOf(body.code)).json(body);
      return;
    }
    return throwError(() => body);
  }

  private toBody(exception: unknown, host: ArgumentsHost): ServiceErrorBody {
    if (exception instanceof ServiceException) return exception.toBody();
    const errorId = randomUUID();
    const subject = host.getType() === 'rpc' ? String(host.switchToRpc().getContext<{ getSubject?: () => string }>().getSubject?.() ?? '') : '';
    const stack = exception instanceof Error ? exception.stack : String(exception);
    if (isDependencyUnavailableError(exception)) {
      this.logger.warn(`dependency unavailable ${errorId} on ${subject}: ${stack}`);
      return {
        code: ServiceErrorCode.Unavailable, message: `a dependency of this service is unavailable, retry shortly (id ${errorId})`, errorId,
        retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      };
    }
    this.logger.error(`unhandled error ${errorId} on ${subject}: ${stack}`);
    return { code: ServiceErrorCode.Internal, message: `internal error (id ${errorId})`, errorId };
  }
}
