import { ENVELOPE, OTHER_UUID, RECEIVED, SENDER, TEMPLATE } from '../../testing/docstudio-envelope.fixture';
import { compileEnvelopeFilter } from './compile-envelope-filter.util';
import { EnvelopeFilterSpec } from './docstudio-envelope.types';
import { matchesEnvelopeFilter } from './matches-envelope-filter.util';
import { prepareEnvelope } from './prepare-envelope.util';

const ALL_PARTS: EnvelopeFilterSpec = {
  label: ['hr'], status: ['completed'], subject: 'ОРЕНДИ', receiveDateFrom: RECEIVED, receiveDateTo: RECEIVED,
  expireDateFrom: '2023-03-01T00:00:00Z', expireDateTo: '2023-04-01T00:00:00Z', template: [TEMPLATE], sender: [SENDER], scope: ['INBOX'],
};

describe('matchesEnvelopeFilter (all given parts AND-ed)', () => {
  it.each<[string, EnvelopeFilterSpec, boolean]>([
    ['empty filter matches everything', {}, true],
    ['every part set and passing', ALL_PARTS, true],
    ['every part passing but label', { ...ALL_PARTS, label: ['finance'] }, false],
    ['every part passing but status', { ...ALL_PARTS, status: ['WAITING'] }, false],
    ['every part passing but subject', { ...ALL_PARTS, subject: 'рахунок' }, false],
    ['every part passing but receiveDate', { ...ALL_PARTS, receiveDateTo: RECEIVED - 1 }, false],
    ['every part passing but expireDate', { ...ALL_PARTS, expireDateTo: '2023-03-01T00:00:00Z' }, false],
    ['every part passing but template', { ...ALL_PARTS, template: [OTHER_UUID] }, false],
    ['every part passing but sender', { ...ALL_PARTS, sender: [OTHER_UUID] }, false],
    ['every part passing but scope', { ...ALL_PARTS, scope: ['outbox'] }, false],
  ])('%s', (_name, filter, expected) => {
    expect(matchesEnvelopeFilter(compileEnvelopeFilter(filter), prepareEnvelope(ENVELOPE))).toBe(expected);
  });
});
