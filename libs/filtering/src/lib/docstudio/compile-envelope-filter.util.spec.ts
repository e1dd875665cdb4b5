import { catchFilterSyntaxError } from '../../testing/catch-filter-syntax-error';
import { compileEnvelopeFilter } from './compile-envelope-filter.util';
import { EnvelopeFilterSpec } from './docstudio-envelope.types';

const T = '3FA85F64-5717-4562-B3FC-2C963F66AFA6';

describe('compileEnvelopeFilter', () => {
  it.each<[string, EnvelopeFilterSpec, Record<string, unknown>]>([
    ['empty filter: nothing set', {}, { label: null, status: null, subject: null, receiveDateFrom: null, template: null, scope: null }],
    ['nulls are unset', { label: null, subject: null, receiveDateTo: null }, { label: null, subject: null, receiveDateTo: null }],
    ['empty lists and subject are unset', { label: [], status: [], subject: '' }, { label: null, status: null, subject: null }],
    ['status upper case', { status: ['completed', 'Waiting'] }, { status: new Set(['COMPLETED', 'WAITING']) }],
    ['scope lower case', { scope: ['INBOX'] }, { scope: new Set(['inbox']) }],
    ['UUIDs lower case', { template: [T], sender: [T] }, { template: new Set([T.toLowerCase()]), sender: new Set([T.toLowerCase()]) }],
    ['labels exact', { label: ['Urgent'] }, { label: new Set(['Urgent']) }],
    ['subject lower case', { subject: 'Договір' }, { subject: 'договір' }],
    ['ISO dates to ms', { receiveDateFrom: '2023-02-16T12:34:26.606Z', expireDateTo: '2023-02-16T14:34:26.606+02:00' }, { receiveDateFrom: 1676550866606, expireDateTo: 1676550866606 }],
    ['ms dates kept', { receiveDateTo: 1676550866606, expireDateFrom: 0 }, { receiveDateTo: 1676550866606, expireDateFrom: 0 }],
  ])('%s', (_name, spec, expected) => {
    expect(compileEnvelopeFilter(spec)).toMatchObject(expected);
  });

  it.each<[EnvelopeFilterSpec, string]>([
    [{ receiveDateFrom: 'yesterday' }, 'receiveDateFrom must be an ISO 8601 date-time or UNIX milliseconds; got "yesterday"'],
    [{ expireDateTo: -5 }, 'expireDateTo must be'],
  ])('%j → FilterSyntaxError', (spec, message) => {
    const error = catchFilterSyntaxError(() => compileEnvelopeFilter(spec));
    expect(error.field).toBe('filter');
    expect(error.message).toContain(message);
  });
});
