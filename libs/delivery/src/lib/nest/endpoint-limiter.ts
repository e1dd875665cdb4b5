/**
 * Caps concurrent attempts per endpoint (scheme://host:port) inside one process, so one slow receiver
 * holds at most `perEndpoint` of the worker's slots and cannot starve the others.
 */
export class EndpointLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly perEndpoint: number) {}

  async acquire(url: string): Promise<() => void> {
    const key = endpointOf(url);
    const running = this.active.get(key) ?? 0;
    if (running < this.perEndpoint) {
      this.active.set(key, running + 1);
    } else {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.releaseSlot(key);
    };
  }

  private releaseSlot(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (next) return next(); // hand the slot over: the count stays the same
    const left = (this.active.get(key) ?? 1) - 1;
    if (left === 0) this.active.delete(key);
    else this.active.set(key, left);
    if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
  }

  /** A slot now, or null when the endpoint is at its cap (the caller defers instead of waiting). */
  tryAcquire(url: string): (() => void) | null {
    const key = endpointOf(url);
    const running = this.active.get(key) ?? 0;
    if (running >= this.perEndpoint || (this.waiting.get(key)?.length ?? 0) > 0) return null;
    this.active.set(key, running + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.releaseSlot(key);
    };
  }

  inUse(url: string): number {
    return this.active.get(endpointOf(url)) ?? 0;
  }
}

export function endpointOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return url;
  }
}
