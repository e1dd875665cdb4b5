import { CallHandler, ExecutionContext } from '@nestjs/common';
import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { firstValueFrom, of } from 'rxjs';
import { MAX_REPLY_BYTES, ReplySizeInterceptor } from './reply-size.interceptor';

const rpc = { getType: () => 'rpc' } as unknown as ExecutionContext;
const http = { getType: () => 'http' } as unknown as ExecutionContext;
const replying = (value: unknown): CallHandler => ({ handle: () => of(value) });

describe('ReplySizeInterceptor', () => {
  const interceptor = new ReplySizeInterceptor();

  it.each([[{ ok: true }], [[]], [undefined], ['x'.repeat(MAX_REPLY_BYTES - 10)]])('passes a reply that fits (%#)', async (value) => {
    expect(await firstValueFrom(interceptor.intercept(rpc, replying(value)))).toEqual(value);
  });

  it('turns a reply too large for NATS into a PAYLOAD_TOO_LARGE error', async () => {
    const big = Array.from({ length: 300 }, () => ({ comment: 'x'.repeat(4000) }));
    const error = await firstValueFrom(interceptor.intercept(rpc, replying(big))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceException);
    expect((error as ServiceException).code).toBe(ServiceErrorCode.PayloadTooLarge);
    expect((error as ServiceException).message).toMatch(/ask for fewer items/);
  });

  it('leaves HTTP replies alone', async () => {
    const big = 'x'.repeat(MAX_REPLY_BYTES + 1);
    expect(await firstValueFrom(interceptor.intercept(http, replying(big)))).toBe(big);
  });
});
