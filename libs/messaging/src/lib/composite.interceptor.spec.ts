import { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, map, Observable, of } from 'rxjs';
import { CompositeInterceptor, SyncInterceptor } from './composite.interceptor';

/** Records when it is entered and wraps the reply, so the order of a chain is visible in the result. */
const tag = (name: string, seen: string[]): SyncInterceptor => ({
  intercept: (_context: ExecutionContext, next: CallHandler): Observable<unknown> => {
    seen.push(name);
    return next.handle().pipe(map((reply) => `${name}(${String(reply)})`));
  },
});

describe('CompositeInterceptor', () => {
  it.each<[string, string[], string]>([
    ['no interceptors', [], 'reply'],
    ['one', ['a'], 'a(reply)'],
    ['three, the first outermost', ['a', 'b', 'c'], 'a(b(c(reply)))'],
  ])('runs %s like Nest runs a chain', async (_what, names, expected) => {
    const seen: string[] = [];
    const composite = new CompositeInterceptor(names.map((name) => tag(name, seen)));
    const reply = await lastValueFrom(composite.intercept({} as ExecutionContext, { handle: () => of('reply') }));
    expect(reply).toBe(expected);
    expect(seen).toEqual(names);
  });
});
