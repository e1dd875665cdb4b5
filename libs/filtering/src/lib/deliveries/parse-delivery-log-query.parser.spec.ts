import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { encodeDeliveryCursor } from './delivery-cursor.codec';
import { DeliveryLogQuery, parseDeliveryLogQuery } from './parse-delivery-log-query.parser';

const cursor = { createdAt: 1764464523456, id: '019ad2f1-5a40-7000-8000-0000000000ff' };

describe('parseDeliveryLogQuery', () => {
  it.each<[string, Record<string, unknown>, DeliveryLogQuery]>([
    ['defaults', {}, { filter: {}, before: null, limit: 50 }],
    ['limit bounds', { limit: '200' }, { filter: {}, before: null, limit: 200 }],
    ['a cursor', { before: encodeDeliveryCursor(cursor), limit: '1' }, { filter: {}, before: cursor, limit: 1 }],
    ['filter and paging', { state: 'OPEN', limit: '100' }, { filter: { state: 'OPEN' }, before: null, limit: 100 }],
  ])('%s', (_name, raw, expected) => {
    expect(parseDeliveryLogQuery(raw)).toEqual(expected);
  });

  it.each<[Record<string, unknown>, string]>([
    [{ limit: '0' }, 'limit'],
    [{ limit: '201' }, 'limit'],
    [{ before: 'garbage!' }, 'before'],
    [{ source: 'nope' }, 'source'],
  ])('%j → 400 on %s', (raw, field) => {
    expect(catchFilterSyntaxError(() => parseDeliveryLogQuery(raw)).field).toBe(field);
  });
});
