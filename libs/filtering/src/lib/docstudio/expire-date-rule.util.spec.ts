import { applyRule, EXPIRES } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { expireDateRule } from './expire-date-rule.util';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('expireDateRule (inclusive bounds)', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, boolean]>([
    ['not set', {}, {}, true],
    ['not set, no expiry date', {}, { expireDate: null }, true],
    ['from, on the bound', { expireDateFrom: iso(EXPIRES) }, {}, true],
    ['to, on the bound', { expireDateTo: iso(EXPIRES) }, {}, true],
    ['within a range', { expireDateFrom: iso(EXPIRES - 1), expireDateTo: iso(EXPIRES + 1) }, {}, true],
    ['before from', { expireDateFrom: iso(EXPIRES + 1) }, {}, false],
    ['after to', { expireDateTo: iso(EXPIRES - 1) }, {}, false],
    ['a bound set, no expiry date', { expireDateTo: iso(EXPIRES) }, { expireDate: null }, false],
  ])('%s', (_name, filter, envelope, expected) => {
    expect(applyRule(expireDateRule, filter, envelope)).toBe(expected);
  });
});
