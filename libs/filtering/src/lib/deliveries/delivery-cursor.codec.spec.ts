import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { decodeDeliveryCursor, encodeDeliveryCursor } from './delivery-cursor.codec';

describe('delivery cursor codec', () => {
  it.each([
    { createdAt: 0, id: 'a' },
    { createdAt: 1764464523456, id: '019ad2f1-5a40-7000-8000-0000000000ff' },
    { createdAt: 999999999999999, id: 'x'.repeat(64) },
  ])('%j round-trips through an opaque text', (cursor) => {
    const text = encodeDeliveryCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).not.toContain(cursor.id);
    expect(decodeDeliveryCursor(text)).toEqual(cursor);
  });

  it.each([
    ['not base64url', 'abc+/='],
    ['empty', ''],
    ['no separator', Buffer.from('1764464523456').toString('base64url')],
    ['time not a number', Buffer.from('soon.abc').toString('base64url')],
    ['id with SQL in it', Buffer.from("1.a' OR 1=1").toString('base64url')],
    ['too long', 'A'.repeat(201)],
  ])('%s → 400 on before', (_name, text) => {
    const error = catchFilterSyntaxError(() => decodeDeliveryCursor(text));
    expect(error.field).toBe('before');
    expect(error.message).toBe('before must be a next_before value returned by this endpoint');
  });
});
