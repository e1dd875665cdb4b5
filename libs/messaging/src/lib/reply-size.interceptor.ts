import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { map, Observable } from 'rxjs';

/**
 * NATS refuses messages over its max_payload (1 MiB by default) and Nest's NATS server throws while
 * publishing such a reply — outside any handler, which would crash the process. Every reply is measured
 * here first; one too large becomes a clear error instead.
 */
export const MAX_REPLY_BYTES = 960 * 1024;

@Injectable()
export class ReplySizeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    return next.handle().pipe(
      map((reply: unknown) => {
        const size = reply === undefined ? 0 : Buffer.byteLength(JSON.stringify(reply) ?? '');
        if (size > MAX_REPLY_BYTES) {
          throw new ServiceException(ServiceErrorCode.PayloadTooLarge, `the answer would be ${size} bytes, more than ${MAX_REPLY_BYTES}: ask for fewer items (a smaller limit, or a mask)`);
        }
        return reply;
      }),
    );
  }
}
