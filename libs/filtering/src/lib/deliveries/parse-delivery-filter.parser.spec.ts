import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { DeliveryFilter } from './delivery-filter.types';
import { parseDeliveryFilter } from './parse-delivery-filter.parser';

describe('parseDeliveryFilter', () => {
  it.each<[string, Record<string, unknown>, DeliveryFilter]>([
    ['nothing', {}, {}],
    ['blank values are not given', { state: '', source: ' ' }, {}],
    ['every enum', { state: 'CLOSED', application_state: 'RETRY', source: 'application_webhook', close_reason: 'EXHAUSTED' },
      { state: 'CLOSED', applicationState: 'RETRY', source: 'application_webhook', closeReason: 'EXHAUSTED' }],
    ['operational webhooks are a source', { source: 'operational_webhook' }, { source: 'operational_webhook' }],
    ['ids', { subscription_id: '42', id: '0190a1b2-0000-7000-8000-000000000001' }, { subscriptionId: '42', id: '0190a1b2-0000-7000-8000-000000000001' }],
    ['ISO dates', { created_from: '2026-11-30T01:02:03.456Z', created_to: '2026-12-01' },
      { createdFrom: Date.UTC(2026, 10, 30, 1, 2, 3, 456), createdTo: Date.UTC(2026, 11, 1) }],
    ['epoch ms as text', { created_from: '1700000000000' }, { createdFrom: 1700000000000 }],
    ['epoch ms as a JSON number', { created_to: 1700000000000 }, { createdTo: 1700000000000 }],
    ['equal bounds', { created_from: '5', created_to: '5' }, { createdFrom: 5, createdTo: 5 }],
    ['other query parameters are the caller\'s', { limit: '10', before: 'x' }, {}],
  ])('%s', (_name, raw, expected) => {
    expect(parseDeliveryFilter(raw)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['unknown state', { state: 'DONE' }, 'state', 'state must be one of OPEN, PROCESSING, CLOSED; got "DONE"'],
    ['lower-case enum', { close_reason: 'delivered' }, 'close_reason', 'close_reason must be one of'],
    ['unknown source', { source: 'email' }, 'source', 'source must be one of envelope_callback'],
    ['unknown application_state', { application_state: 'X' }, 'application_state', 'application_state must be one of'],
    ['bad date', { created_from: 'yesterday' }, 'created_from', 'created_from must be an ISO-8601 date-time or epoch milliseconds; got "yesterday"'],
    ['impossible date', { created_to: '2026-02-30' }, 'created_to', 'created_to must be an ISO-8601'],
    ['repeated parameter', { state: ['OPEN', 'CLOSED'] }, 'state', 'state was given more than once'],
    ['bracket syntax', { source: { a: 1 } }, 'source', 'source must be a single query-string value'],
    ['too long id', { subscription_id: 'x'.repeat(65) }, 'subscription_id', 'at most 64 characters'],
    ['reversed range', { created_from: '10', created_to: '9' }, 'created_from', 'created_from must not be after created_to'],
  ])('%s → 400 on its parameter', (_name, raw, field, message) => {
    const error = catchFilterSyntaxError(() => parseDeliveryFilter(raw));
    expect(error.field).toBe(field);
    expect(error.message).toContain(message);
  });

  it('a strict (JSON body) filter refuses unknown names, so a typo never widens a bulk replay', () => {
    const error = catchFilterSyntaxError(() => parseDeliveryFilter({ stat: 'OPEN' }, { strict: true }));
    expect(error.field).toBe('filter');
    expect(error.message).toBe('unknown filter "stat"; known: state, application_state, source, close_reason, subscription_id, id, created_from, created_to');
  });

  it('two equal filters come out equal whatever the key order (replay jobs hash them)', () => {
    const a = parseDeliveryFilter({ source: 'integration_point', state: 'CLOSED' });
    const b = parseDeliveryFilter({ state: 'CLOSED', source: 'integration_point', id: '' });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
