import { applyRule, OTHER_UUID, TEMPLATE } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { templateRule } from './template-rule.util';

describe('templateRule (any of the templates)', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, boolean]>([
    ['not set', {}, {}, true],
    ['one of them', { template: [OTHER_UUID, TEMPLATE] }, {}, true],
    ['UUID in upper case', { template: [TEMPLATE.toUpperCase()] }, {}, true],
    ['none of them', { template: [OTHER_UUID] }, {}, false],
  ])('%s', (_name, filter, envelope, expected) => {
    expect(applyRule(templateRule, filter, envelope)).toBe(expected);
  });
});
