/**
 * A CIDR list setting (`DELIVERY_ALLOW_CIDRS`) holds an entry that is not a CIDR. `entry` is the offending
 * text, so config validation can name it; the message says what is wrong and what is expected.
 */
export class CidrListError extends Error {
  override readonly name = 'CidrListError';

  constructor(
    readonly entry: string,
    message: string,
  ) {
    super(message);
  }
}
