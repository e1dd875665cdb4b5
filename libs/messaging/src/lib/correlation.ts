import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The id that ties one request's log lines together, across the gateway and the services. */
export const CORRELATION_HEADER = 'x-request-id';
const storage = new AsyncLocalStorage<string>();
const VALID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A client-sent id is kept when it is safe to log; otherwise a new one is made. */
export function correlationIdFrom(candidate: unknown): string {
  return typeof candidate === 'string' && VALID.test(candidate) ? candidate : randomUUID();
}

export function runWithCorrelationId<T>(id: string, work: () => T): T {
  return storage.run(id, work);
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}
