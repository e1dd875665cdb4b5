/**
 * Whether a filter number fits the integer columns every numeric filter field is stored in. A fraction
 * or a value like 1e300 could match nothing anyway, and PostgreSQL refuses it as an integer parameter
 * (a 500 where the client earned a 400).
 */
export function isInt32(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647;
}

/** How the error messages name the accepted numbers. */
export const INT32_DESCRIPTION = 'a whole number from -2147483648 to 2147483647';
