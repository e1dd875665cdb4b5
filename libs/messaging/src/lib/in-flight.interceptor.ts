import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { finalize, Observable } from 'rxjs';

/**
 * Counts the requests a replica is handling, so a graceful shutdown can wait for them to finish before
 * closing its connections (a reply published after the close would be lost).
 */
@Injectable()
export class InFlightInterceptor implements NestInterceptor {
  private active = 0;
  private idleWaiters: Array<() => void> = [];

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.active++;
    return next.handle().pipe(
      finalize(() => {
        this.active--;
        if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
      }),
    );
  }

  get inFlight(): number {
    return this.active;
  }

  /** Resolves true when nothing is in flight, false if work is still running after timeoutMs. */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
