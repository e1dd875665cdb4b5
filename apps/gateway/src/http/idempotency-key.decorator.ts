import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HEADER } from '@hookrelay/contracts';
import { Request } from 'express';

/**
 * The request's `Idempotency-Key` header, relayed as is: the owning service validates it (a bad one is a 400
 * in the API's own shape). A header sent twice arrives joined by ", " and is refused for its space.
 */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers[IDEMPOTENCY_KEY_HEADER];
  return Array.isArray(value) ? value.join(', ') : value;
});
