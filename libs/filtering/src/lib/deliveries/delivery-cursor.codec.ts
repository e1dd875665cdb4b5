import { FilterSyntaxError } from '../filter-syntax.error';
import { DeliveryCursor } from './delivery-filter.types';

const FORMAT = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/;

/**
 * The opaque `before` cursor of the delivery log: base64url of `<created_at ms>.<id>`. Opaque so clients
 * do not build their own (the pair, not the id alone, is the position: created_at may repeat).
 */
export function encodeDeliveryCursor(cursor: DeliveryCursor): string {
  return Buffer.from(`${cursor.createdAt}.${cursor.id}`, 'utf8').toString('base64url');
}

/** The position a cursor names; a cursor this codec did not write is a 400 on `before`. */
export function decodeDeliveryCursor(text: string): DeliveryCursor {
  const decoded = /^[A-Za-z0-9_-]{1,200}$/.test(text) ? Buffer.from(text, 'base64url').toString('utf8') : '';
  const match = FORMAT.exec(decoded);
  if (!match) throw new FilterSyntaxError('before', 'before must be a next_before value returned by this endpoint');
  return { createdAt: Number(match[1]), id: match[2]! };
}
