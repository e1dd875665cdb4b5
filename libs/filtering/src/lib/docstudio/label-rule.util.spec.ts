import { applyRule } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { labelRule } from './label-rule.util';

describe('labelRule (any of the labels)', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, boolean]>([
    ['not set', {}, {}, true],
    ['one of them', { label: ['finance', 'hr'] }, {}, true],
    ['none of them', { label: ['finance'] }, {}, false],
    ['envelope without labels', { label: ['hr'] }, { label: [] }, false],
    ['exact case only', { label: ['HR'] }, {}, false],
  ])('%s', (_name, filter, envelope, expected) => {
    expect(applyRule(labelRule, filter, envelope)).toBe(expected);
  });
});
