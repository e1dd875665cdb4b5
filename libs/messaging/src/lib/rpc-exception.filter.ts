import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { httpStatusOf, ServiceErrorBody, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { randomUUID } from 'node:crypto';
import { Observable, throwError } from 'rxjs';

/**
 * Every error a message handler throws leaves the service as a ServiceErrorBody. Unknown errors are
 * logged with an id and answered as INTERNAL, never with their message (it may hold secrets or SQL).
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
    this.logger.error(`unhandled error ${errorId} on ${subject}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    return { code: ServiceErrorCode.Internal, message: `internal error (id ${errorId})`, errorId };
  }
}
