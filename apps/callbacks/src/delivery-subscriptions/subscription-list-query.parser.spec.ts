import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { parseSubscriptionListQuery, subscriptionCursor } from './subscription-list-query.parser';

describe('parseSubscriptionListQuery', () => {
  it.each([
    [{}, { source: null, paused: null, after: null, limit: 200 }],
    [{ source: 'integration_point', paused: 'true', limit: '500' }, { source: 'integration_point', paused: true, after: null, limit: 500 }],
    [{ source: 'operational_webhook', paused: 'false', limit: '1' }, { source: 'operational_webhook', paused: false, after: null, limit: 1 }],
    [{ after: subscriptionCursor('application_webhook', '9') }, { source: null, paused: null, after: { source: 'application_webhook', subscriptionId: '9' }, limit: 200 }],
  ])('%j → %j', (query, expected) => {
    expect(parseSubscriptionListQuery(query)).toEqual(expected);
  });

  it.each([
    [{ source: 'webhook' }, /^source must be one of envelope_callback, application_webhook, integration_point, operational_webhook$/],
    [{ paused: 'yes' }, /^paused must be true or false$/],
    [{ limit: '0' }, /^limit must be an integer from 1 to 500$/],
    [{ limit: '501' }, /^limit must be an integer from 1 to 500$/],
    [{ limit: '2.5' }, /^limit must be an integer from 1 to 500$/],
    [{ after: 'not a cursor!' }, /^after is not a cursor this API gave$/],
    [{ after: Buffer.from('["nope","9"]').toString('base64url') }, /^after is not a cursor this API gave$/],
    [{ after: Buffer.from('{"a":1}').toString('base64url') }, /^after is not a cursor this API gave$/],
  ])('%j → 400 %s', (query, message) => {
    let thrown: unknown;
    try {
      parseSubscriptionListQuery(query);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ServiceException);
    expect((thrown as ServiceException).message).toMatch(message);
    expect((thrown as ServiceException).code).toBe(ServiceErrorCode.BadRequest);
  });
});
