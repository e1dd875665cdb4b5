import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { httpStatusOf, ServiceException } from '@hookrelay/contracts';
import { redactText } from '@hookrelay/messaging';
import { randomUUID } from 'node:crypto';
import { Request, Response } from 'express';
import { errorBody, flavorOf } from './api-flavor';

/** Every error leaving the gateway: status from the error's code, body in the caller's API dialect. */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('GatewayExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const flavor = flavorOf(req.path);
    const { status, message, details, retryAfterSeconds } = this.describe(exception, req);
    if (res.headersSent) {
      res.end();
      return;
    }
    if (retryAfterSeconds !== undefined) res.set('Retry-After', String(retryAfterSeconds));
    res.status(status).json(errorBody(flavor, status, message, details));
  }

  private describe(exception: unknown, req: Request): { status: number; message: string; details?: string[]; retryAfterSeconds?: number } {
    if (exception instanceof ServiceException) {
      return { status: httpStatusOf(exception.code), message: exception.message, details: exception.details, retryAfterSeconds: exception.retryAfterSeconds };
    }
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return { status: exception.getStatus(), message: exception.getStatus() === 404 ? `no route for ${req.method} ${req.path}` : message };
    }
    const errorId = randomUUID();
    this.logger.error(`unhandled error ${errorId} on ${req.method} ${redactText(req.path)}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    return { status: 500, message: `internal error (id ${errorId})` };
  }
}
