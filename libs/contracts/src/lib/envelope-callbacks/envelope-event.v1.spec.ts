import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PublishEnvelopeEventsCommand } from './envelope-event.v1';

const MAILBOX = '5e8c6a0e-3f7b-4c1d-9a2e-7b1f0c9d8e6a';
const EVENT = { uuid: MAILBOX, status: 'completed', subject: 's', receiveDate: 1, template: MAILBOX, sender: MAILBOX, scope: 'inbox' };

const problems = (body: unknown): string[] =>
  validateSync(plainToInstance(PublishEnvelopeEventsCommand, { tenantId: MAILBOX, mailbox: MAILBOX, body }), { forbidUnknownValues: true })
    .flatMap((error) => Object.values(error.constraints ?? {}).concat(error.children?.length ? ['(nested)'] : []));

describe('PublishEnvelopeEventsCommand.body', () => {
  it.each<[string, unknown, boolean]>([
    ['one event', EVENT, true],
    ['a list of events', [EVENT, EVENT], true],
    ['a list holding an empty list', [[]], false],
    ['a list holding a list of lists', [[[]]], false],
    ['a list holding a list with an event', [[EVENT]], false],
    ['a list holding null', [null], false],
    ['an empty list', [], false],
  ])('%s', (_name, body, valid) => {
    expect(problems(body).length === 0).toBe(valid);
  });
});
