import 'reflect-metadata';
import { PipesConsumer } from '@nestjs/core/pipes/pipes-consumer';
import { RpcParamtype } from '@nestjs/microservices/enums/rpc-paramtype.enum';
import { IsObject, IsString } from 'class-validator';
import { createPayloadValidationPipe } from './payload-validation.pipe';

class Command {
  @IsString() name!: string;
  @IsObject() data!: Record<string, unknown>;
}

/** Runs the pipe the way Nest's RPC context does for a @Payload() parameter (type 3, mapped by PipesConsumer). */
function validate(value: unknown): Promise<unknown> {
  return new PipesConsumer().apply(value, { metatype: Command, type: RpcParamtype.PAYLOAD as never, data: undefined }, [createPayloadValidationPipe()]);
}

const deep = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
};

describe('the payload validation pipe', () => {
  it.each<[string, unknown, string | null]>([
    ['a valid payload', { name: 'a', data: { k: 'v' } }, null],
    ['a contract violation', { name: 1, data: {} }, 'BAD_REQUEST'],
    ['a payload 5,000 levels deep (class-transformer would overflow the stack)', { name: 'a', data: { k: deep(5000) } }, 'request is nested deeper than 34 levels'],
    ['a payload 35 levels deep', { name: 'a', data: { k: deep(33) } }, 'request is nested deeper than 34 levels'],
    ['a payload 34 levels deep', { name: 'a', data: { k: deep(32) } }, null],
    ['a NUL in a value', { name: 'a\u0000', data: {} }, 'request contains a NUL character (\\u0000)'],
    ['a NUL in a key', { name: 'a', data: { 'k\u0000': 1 } }, 'request contains a NUL character (\\u0000)'],
  ])('%s', async (_name, value, expected) => {
    const outcome = await validate(value).then(() => null, (error: { code?: string; message?: string }) => (expected === 'BAD_REQUEST' ? error.code : error.message));
    expect(outcome).toBe(expected);
  });
});
