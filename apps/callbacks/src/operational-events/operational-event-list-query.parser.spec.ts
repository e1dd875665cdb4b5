import { ServiceException } from '@hookrelay/contracts';
import { operationalEventCursor, parseOperationalEventListQuery } from './operational-event-list-query.parser';

describe('parseOperationalEventListQuery', () => {
  it.each([
    [{}, { limit: 50, before: null }],
    [{ limit: '200' }, { limit: 200, before: null }],
    [{ before: operationalEventCursor(1_800_000_000_123, 'evt-1') }, { limit: 50, before: { occurredAt: 1_800_000_000_123, id: 'evt-1' } }],
  ])('%j → %j', (query, expected) => {
    expect(parseOperationalEventListQuery(query)).toEqual(expected);
  });

  it.each([
    [{ limit: '201' }, /^limit must be an integer from 1 to 200$/],
    [{ limit: 'ten' }, /^limit must be an integer from 1 to 200$/],
    [{ before: 'x' }, /^before is not a cursor this API gave$/],
    [{ before: Buffer.from('["1","evt"]').toString('base64url') }, /^before is not a cursor this API gave$/],
  ])('%j → 400 %s', (query, message) => {
    expect(() => parseOperationalEventListQuery(query)).toThrow(ServiceException);
    expect(() => parseOperationalEventListQuery(query)).toThrow(message);
  });
});
