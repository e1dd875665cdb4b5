import { applyRule, RECEIVED } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { receiveDateRule } from './receive-date-rule.util';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('receiveDateRule (inclusive bounds)', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, boolean]>([
    ['not set', {}, {}, true],
    ['from, on the bound', { receiveDateFrom: iso(RECEIVED) }, {}, true],
    ['to, on the bound', { receiveDateTo: iso(RECEIVED) }, {}, true],
    ['from = to = the date (the seed example)', { receiveDateFrom: '2023-02-16T12:34:26.606Z', receiveDateTo: '2023-02-16T12:34:26.606Z' }, {}, true],
    ['within a range', { receiveDateFrom: iso(RECEIVED - 1000), receiveDateTo: iso(RECEIVED + 1000) }, {}, true],
    ['bounds in ms', { receiveDateFrom: RECEIVED, receiveDateTo: RECEIVED }, {}, true],
    ['1 ms before from', { receiveDateFrom: iso(RECEIVED + 1) }, {}, false],
    ['1 ms after to', { receiveDateTo: iso(RECEIVED - 1) }, {}, false],
  ])('%s', (_name, filter, envelope, expected) => {
    expect(applyRule(receiveDateRule, filter, envelope)).toBe(expected);
  });
});
