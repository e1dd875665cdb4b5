import { errorMessageOf } from './error-message.util';

describe('errorMessageOf', () => {
  it.each([
    [401, { statusCode: 401, error: 'Unauthorized', message: 'invalid API key' }, '', 'invalid API key'],
    [400, { message: ['limit must be ≤ 200', 'state is unknown'] }, '', 'limit must be ≤ 200; state is unknown'],
    [502, undefined, 'Bad Gateway', 'HTTP 502 Bad Gateway'],
    [500, { success: false }, '', 'HTTP 500'],
    [0, undefined, '', 'the gateway did not answer'],
  ])('%s %j → %s', (status, body, statusText, expected) => {
    expect(errorMessageOf(status, body, statusText)).toBe(expected);
  });
});
