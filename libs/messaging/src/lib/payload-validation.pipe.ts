import { ValidationPipe } from '@nestjs/common';
import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { describeValidationErrors } from './validation-errors.util';

/**
 * The same class-validator rules run on every NATS payload, whoever sent it (the gateway relaying an
 * HTTP body, or an internal producer). Unknown fields are refused, not silently dropped.
 */
export function createPayloadValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
