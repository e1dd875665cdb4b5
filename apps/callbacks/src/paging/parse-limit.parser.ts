import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';

/** A `limit` query value: an integer in 1..max, `fallback` when absent; anything else is a 400 naming it. */
export function parseLimit(value: string | undefined, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new ServiceException(ServiceErrorCode.BadRequest, `limit must be an integer from 1 to ${max}`);
  }
  return Number(value);
}
