import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { Observable, tap } from 'rxjs';
import { CORRELATION_HEADER, correlationIdFrom, runWithCorrelationId } from './correlation';

/**
 * A service's side of the correlation id: taken from the NATS headers the gateway (or any producer) sent,
 * kept for everything the handler does, and one line per request: at debug level when it succeeded (the
 * gateway already logs the access line; at thousands of events per second a second line per event is a
 * measurable share of a service's CPU), at info level when it failed.
 */
@Injectable()
export class RequestLoggingInterceptor implements NestInterceptor {
  private readonly logger = new Logger('request');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const nats = context.switchToRpc().getContext<NatsContext>();
    const headers = nats.getHeaders() as { get?: (name: string) => string } | undefined;
    const requestId = correlationIdFrom(headers?.get?.(CORRELATION_HEADER));
    const subject = nats.getSubject();
    const started = performance.now();
    return new Observable((subscriber) =>
      runWithCorrelationId(requestId, () =>
        next.handle().pipe(
          tap({
            next: () => this.logger.debug({ msg: 'handled', subject, outcome: 'ok', ms: Math.round(performance.now() - started) }),
            error: (error: { code?: string }) => this.logger.log({ msg: 'handled', subject, outcome: error?.code ?? 'error', ms: Math.round(performance.now() - started) }),
          }),
        ).subscribe(subscriber),
      ),
    );
  }
}
