import { filterFromSearch, isoFromLocalInput, localInputFromIso, replayFilterOf, replayIdempotencyKey, searchFromFilter } from './delivery-query.util';

describe('filterFromSearch', () => {
  it.each([
    ['', {}],
    ['?state=OPEN&source=application_webhook', { state: 'OPEN', source: 'application_webhook' }],
    ['?state=open', {}],
    ['?close_reason=NOPE&subscription_id=%20sub-1%20', { subscription_id: 'sub-1' }],
    ['?id=dlv_1&limit=10&before=abc&unknown=x', { id: 'dlv_1' }],
    ['?created_from=2026-11-30T10%3A00%3A00.000Z&application_state=RETRY', { created_from: '2026-11-30T10:00:00.000Z', application_state: 'RETRY' }],
    ['?source=', {}],
  ])('%s → %j', (search, expected) => {
    expect(filterFromSearch(search)).toEqual(expected);
  });
});

describe('searchFromFilter', () => {
  it.each([
    [{}, ''],
    [{ source: 'integration_point' as const, id: 'a b' }, '?id=a+b&source=integration_point'],
    [{ created_to: '2026-11-30T00:00:00.000Z', state: 'CLOSED' as const, close_reason: 'EXHAUSTED' as const }, '?state=CLOSED&close_reason=EXHAUSTED&created_to=2026-11-30T00%3A00%3A00.000Z'],
    [{ subscription_id: '' }, ''],
  ])('%j → %s', (filter, expected) => {
    expect(searchFromFilter(filter)).toBe(expected);
  });

  it('round-trips through filterFromSearch', () => {
    const filter = { id: 'x/1', subscription_id: 's', source: 'envelope_callback' as const, state: 'PROCESSING' as const, created_from: '2026-01-01T00:00:00.000Z' };
    expect(filterFromSearch(searchFromFilter(filter))).toEqual(filter);
  });
});

describe('replayFilterOf', () => {
  it('drops the exact id and keeps the rest', () => {
    expect(replayFilterOf({ id: 'dlv', source: 'application_webhook', subscription_id: '1' })).toEqual({ source: 'application_webhook', subscription_id: '1' });
  });
});

describe('datetime-local inputs are read and shown as UTC', () => {
  it.each([
    ['', ''],
    ['2026-11-30T10:00', '2026-11-30T10:00:00.000Z'],
    ['2026-11-30T10:00:30', '2026-11-30T10:00:30.000Z'],
    ['2026-11-30T10:00:00+02:00', '2026-11-30T08:00:00.000Z'],
    ['not a date', ''],
  ])('isoFromLocalInput(%s) = %s', (input, expected) => {
    expect(isoFromLocalInput(input)).toBe(expected);
  });

  it.each([
    [undefined, ''],
    ['2026-11-30T10:05:59.999Z', '2026-11-30T10:05'],
    ['garbage', ''],
  ])('localInputFromIso(%s) = %s', (iso, expected) => {
    expect(localInputFromIso(iso)).toBe(expected);
  });
});

describe('replayIdempotencyKey', () => {
  const at = new Date('2026-11-30T10:00:10Z');
  it('is the same for the same filter within the minute, so pressing twice starts one job', () => {
    const key = replayIdempotencyKey({ source: 'application_webhook', subscription_id: '1' }, at);
    expect(key).toMatch(/^console-replay-[0-9a-f]{8}$/);
    expect(replayIdempotencyKey({ subscription_id: '1', source: 'application_webhook' }, new Date('2026-11-30T10:00:50Z'))).toBe(key);
  });

  it('differs for another filter or another minute', () => {
    const key = replayIdempotencyKey({ subscription_id: '1' }, at);
    expect(replayIdempotencyKey({ subscription_id: '2' }, at)).not.toBe(key);
    expect(replayIdempotencyKey({ subscription_id: '1' }, new Date('2026-11-30T10:01:00Z'))).not.toBe(key);
  });
});
