import { ENVELOPE, EXPIRES, OTHER_UUID, RECEIVED, SENDER, TEMPLATE } from '../../testing/docstudio-envelope.fixture';
import { EnvelopeFacts, EnvelopeFilterSpec, FailedEnvelopeParts } from './docstudio-envelope.types';
import { matchEnvelope } from './match-envelope.util';

describe('matchEnvelope (DocStudio check: {passed, failed})', () => {
  it.each<[string, EnvelopeFilterSpec, Partial<EnvelopeFacts>, FailedEnvelopeParts]>([
    ['empty filter', {}, {}, {}],
    ['label matches', { label: ['urgent'] }, {}, {}],
    ['label does not', { label: ['finance'] }, {}, { labels: ['urgent', 'hr'] }],
    ['status matches', { status: ['completed'] }, {}, {}],
    ['status does not', { status: ['WAITING'] }, {}, { status: 'COMPLETED' }],
    ['subject matches', { subject: 'договір' }, {}, {}],
    ['subject does not', { subject: 'рахунок' }, {}, { subject: 'Договір оренди №12' }],
    ['receiveDate within', { receiveDateFrom: '2023-02-16T00:00:00Z', receiveDateTo: '2023-02-17T00:00:00Z' }, {}, {}],
    ['receiveDate outside', { receiveDateFrom: '2023-02-17T00:00:00Z' }, {}, { receiveDate: RECEIVED }],
    ['expireDate within', { expireDateTo: '2023-03-16T12:34:26.606Z' }, {}, {}],
    ['expireDate outside', { expireDateTo: '2023-03-16T12:34:26.605Z' }, {}, { expireDate: EXPIRES }],
    ['expireDate missing', { expireDateFrom: '2023-01-01T00:00:00Z' }, { expireDate: null }, { expireDate: null }],
    ['template matches', { template: [TEMPLATE] }, {}, {}],
    ['template does not', { template: [OTHER_UUID] }, {}, { template: TEMPLATE }],
    ['sender matches', { sender: [SENDER] }, {}, {}],
    ['sender does not', { sender: [OTHER_UUID] }, {}, { sender: SENDER }],
    ['scope matches', { scope: ['Inbox'] }, {}, {}],
    ['scope does not', { scope: ['outbox'] }, {}, { scope: 'inbox' }],
    ['several parts fail: all reported', { status: ['WAITING'], scope: ['outbox'], label: ['hr'] }, {}, { status: 'COMPLETED', scope: 'inbox' }],
  ])('%s', (_name, filter, envelope, failed) => {
    expect(matchEnvelope(filter, { ...ENVELOPE, ...envelope })).toEqual({ passed: Object.keys(failed).length === 0, failed });
  });
});
