import { applyRule } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { subjectRule } from './subject-rule.util';

describe('subjectRule (contains, case-insensitive)', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, boolean]>([
    ['not set', {}, {}, true],
    ['empty subject filter', { subject: '' }, {}, true],
    ['contained', { subject: 'оренди' }, {}, true],
    ['contained, other case', { subject: 'ДОГОВІР' }, {}, true],
    ['whole subject', { subject: 'Договір оренди №12' }, {}, true],
    ['not contained', { subject: 'рахунок' }, {}, false],
    ['longer than the subject', { subject: 'Договір оренди №123' }, {}, false],
  ])('%s', (_name, filter, envelope, expected) => {
    expect(applyRule(subjectRule, filter, envelope)).toBe(expected);
  });
});
