import { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';

/** An interceptor whose intercept() answers synchronously (all of ours). */
export interface SyncInterceptor extends NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown>;
}

/**
 * Several interceptors registered as one, run in the order given (the first is the outermost), exactly
 * as Nest would run them. Why: Nest wraps every global interceptor in an AsyncResource per request, and on
 * Node 20 each AsyncResource.bind also builds a deprecation wrapper — measured at ~4 % of a service's CPU
 * with three interceptors at 2,000 requests/s.
 */
export class CompositeInterceptor implements NestInterceptor {
  constructor(private readonly chain: readonly SyncInterceptor[]) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const run = (index: number): Observable<unknown> => {
      const interceptor = this.chain[index];
      return interceptor ? interceptor.intercept(context, { handle: () => run(index + 1) }) : next.handle();
    };
    return run(0);
  }
}
