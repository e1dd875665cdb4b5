import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsString, Max, Min, ValidateNested } from 'class-validator';
import { createPayloadValidationPipe } from './payload-validation.pipe';
import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';

class Opts {
  @IsInt() @Min(100) @Max(1000) recv_timeout!: number;
}
class Body {
  @IsString({ message: 'code is required and must be a string' }) code!: string;
  @IsObject() @ValidateNested() @Type(() => Opts) opts!: Opts;
}
class Command {
  @IsString() tenantId!: string;
  @IsObject({ message: 'request body must be a JSON object' }) @ValidateNested() @Type(() => Body) body!: Body;
}

async function problems(payload: unknown): Promise<ServiceException> {
  try {
    await createPayloadValidationPipe().transform(payload, { type: 'body', metatype: Command });
  } catch (error) {
    return error as ServiceException;
  }
  throw new Error('expected a validation error');
}

describe('payload validation', () => {
  it.each([
    [{ tenantId: 't', body: { code: 'A', opts: { recv_timeout: 5 } } }, ['opts.recv_timeout must not be less than 100']],
    [{ tenantId: 't', body: { opts: { recv_timeout: 200 } } }, ['code is required and must be a string']],
    [{ tenantId: 't', body: 'just a string' }, ['request body must be a JSON object']],
    [{ tenantId: 't', body: { code: 'A', opts: { recv_timeout: 200 }, extra: 1 } }, ['unknown field "extra"']],
    [{ tenantId: 't', body: { code: 'A', opts: { recv_timeout: 200, zzz: true } } }, ['unknown field "opts.zzz"']],
    [{ tenantId: 't', body: { data: { name: 'x' } } }, ['code is required and must be a string', 'opts must be an object', 'unknown field "data"']],
  ])('describes %j as %j', async (payload, expected) => {
    const error = await problems(payload);
    expect(error).toBeInstanceOf(ServiceException);
    expect(error.code).toBe(ServiceErrorCode.BadRequest);
    expect(error.details).toEqual(expected);
    expect(error.message).toBe(expected.join('; '));
  });

  it('passes a valid payload through as a class instance', async () => {
    const value = await createPayloadValidationPipe().transform({ tenantId: 't', body: { code: 'A', opts: { recv_timeout: 200 } } }, { type: 'body', metatype: Command });
    expect(value).toBeInstanceOf(Command);
    expect((value as Command).body).toBeInstanceOf(Body);
  });
});
