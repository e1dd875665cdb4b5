import { ValidateBy, ValidationOptions } from 'class-validator';

/** ISO 8601 date, optionally with a time, fraction and zone (no zone = UTC); the service rejects impossible dates. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

const isIsoDateTime = (value: unknown): boolean => typeof value === 'string' && ISO_DATE_TIME.test(value);

/**
 * UNIX milliseconds a JavaScript Date can hold (at most 8.64e15, year 275760): a larger safe integer
 * such as 2^53−1 would become an Invalid Date, and NaN in a NOT NULL column is a 500.
 */
const isEpochMillis = (value: unknown): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && !Number.isNaN(new Date(value).getTime());

/** An envelope date as DocStudio clients send it: UNIX milliseconds or an ISO 8601 date-time. */
export function IsEnvelopeDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isEnvelopeDate',
    validator: {
      validate: (value: unknown): boolean => isEpochMillis(value) || isIsoDateTime(value),
      defaultMessage: () => '$property must be UNIX milliseconds or an ISO 8601 date-time',
    },
  }, options);
}

/**
 * A callback filter's date bound: ISO 8601 calendar date-times only, the grammar the service parses
 * (week dates such as `2020-W01`, which class-validator's IsISO8601 lets through, have no Date and were a 500).
 */
export function IsEnvelopeIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isEnvelopeIsoDate',
    validator: { validate: isIsoDateTime, defaultMessage: () => '$property must be an ISO 8601 date-time' },
  }, options);
}
