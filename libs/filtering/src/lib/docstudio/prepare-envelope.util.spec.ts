import { EnvelopeFacts } from './docstudio-envelope.types';
import { prepareEnvelope } from './prepare-envelope.util';

const envelope: EnvelopeFacts = {
  label: ['Urgent'], status: 'completed', subject: 'Новий Договір', receiveDate: 1, expireDate: null,
  template: 'ABCDEF00-0000-4000-8000-000000000001', sender: 'ABCDEF00-0000-4000-8000-000000000002', scope: 'INBOX',
};

describe('prepareEnvelope', () => {
  it.each<[keyof EnvelopeFacts, unknown]>([
    ['label', ['Urgent']],
    ['status', 'COMPLETED'],
    ['subject', 'новий договір'],
    ['receiveDate', 1],
    ['expireDate', null],
    ['template', 'abcdef00-0000-4000-8000-000000000001'],
    ['sender', 'abcdef00-0000-4000-8000-000000000002'],
    ['scope', 'inbox'],
  ])('%s → %j', (part, expected) => {
    expect(prepareEnvelope(envelope)[part]).toEqual(expected);
  });
});
