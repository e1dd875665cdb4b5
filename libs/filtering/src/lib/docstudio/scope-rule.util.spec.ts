import { applyRule } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { scopeRule } from './scope-rule.util';

describe('scopeRule (any of the scopes, case-insensitive)', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, boolean]>([
    ['not set', {}, {}, true],
    ['one of them', { scope: ['inbox', 'outbox'] }, {}, true],
    ['filter in upper case', { scope: ['INBOX'] }, {}, true],
    ['envelope in upper case', { scope: ['outbox'] }, { scope: 'OUTBOX' }, true],
    ['none of them', { scope: ['outbox'] }, {}, false],
  ])('%s', (_name, filter, envelope, expected) => {
    expect(applyRule(scopeRule, filter, envelope)).toBe(expected);
  });
});
