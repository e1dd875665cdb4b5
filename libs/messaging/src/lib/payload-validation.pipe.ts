import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { findPayloadProblem, MAX_PAYLOAD_DEPTH, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { describeValidationErrors } from './validation-errors.util';

/**
 * The contract's rules, after the limits every payload keeps: a payload nested too deep would overflow
 * class-transformer's recursion (an unhandled RangeError, answered as INTERNAL), and a NUL would reach
 * PostgreSQL (error 22021). The gateway refuses both in HTTP bodies first; this covers every other sender.
 */
class PayloadValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Nest hands pipes an RPC @Payload() as 'body' (its PipesConsumer maps the param enum onto that token).
    if (metadata.type === 'body') {
      const problem = findPayloadProblem(value, MAX_PAYLOAD_DEPTH);
      if (problem !== null) throw new ServiceException(ServiceErrorCode.BadRequest, `request ${problem}`);
    }
    return super.transform(value, metadata);
  }
}

/**
 * The same class-validator rules run on every NATS payload, whoever sent it (the gateway relaying an
 * HTTP body, or an internal producer). Unknown fields are refused, not silently dropped.
 */
export function createPayloadValidationPipe(): ValidationPipe {
  return new PayloadValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = describeValidationErrors(errors);
      return new ServiceException(ServiceErrorCode.BadRequest, details.length > 0 ? details.join('; ') : 'invalid request', details);
    },
  });
}
