import { applyRule, OTHER_UUID, SENDER } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec } from './docstudio-envelope.types';
import { senderRule } from './sender-rule.util';

describe('senderRule (any of the senders)', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, boolean]>([
    ['not set', {}, {}, true],
    ['one of them', { sender: [SENDER, OTHER_UUID] }, {}, true],
    ['envelope UUID in upper case', { sender: [SENDER] }, { sender: SENDER.toUpperCase() }, true],
    ['none of them', { sender: [OTHER_UUID] }, {}, false],
  ])('%s', (_name, filter, envelope, expected) => {
    expect(applyRule(senderRule, filter, envelope)).toBe(expected);
  });
});
