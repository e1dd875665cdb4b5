import { ValidateBy, ValidationOptions } from 'class-validator';
import { isHttpUrl } from './http-url.util';

/**
 * The target URL of a subscription: an absolute http(s) URL (isHttpUrl, linear time), or also `''` with
 * `allowEmpty` (an Incoplax channel without a remote URL). Refuses values over MAX_URL_LENGTH before any
 * pattern runs.
 */
export function IsHttpUrl(options: { allowEmpty?: boolean }, validationOptions: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isHttpUrl',
    validator: { validate: (value: unknown) => (options.allowEmpty === true && value === '') || isHttpUrl(value) },
  }, validationOptions);
}
