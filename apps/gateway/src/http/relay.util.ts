import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';

/**
 * The gateway relays request bodies as they came: the owning service validates them with the contract's
 * class-validator rules (the same rules apply to internal NATS producers), so the gateway does not keep a
 * second, drifting copy. This marks that hand-over in the types.
 */
export function relayed<T>(value: unknown): T {
  return value as T;
}

/** Query parameters the API reads, each at most once (a repeated one is a 400, not a silent pick). */
export function singleQueryValues<K extends string>(query: Record<string, unknown>, names: readonly K[]): Partial<Record<K, string>> {
  const picked: Partial<Record<K, string>> = {};
  for (const name of names) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new ServiceException(ServiceErrorCode.BadRequest, `query parameter "${name}" must be given once`);
    picked[name] = value;
  }
  return picked;
}
