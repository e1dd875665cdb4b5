import { applyRule } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { statusRule } from './status-rule.util';

describe('statusRule (any of the statuses, case-insensitive)', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, boolean]>([
    ['not set', {}, {}, true],
    ['one of them', { status: ['WAITING', 'COMPLETED'] }, {}, true],
    ['filter in lower case', { status: ['completed'] }, {}, true],
    ['envelope in lower case', { status: ['COMPLETED'] }, { status: 'completed' }, true],
    ['none of them', { status: ['WAITING', 'EXPIRED'] }, {}, false],
  ])('%s', (_name, filter, envelope, expected) => {
    expect(applyRule(statusRule, filter, envelope)).toBe(expected);
  });
});
