import { errorBody, flavorOf } from './api-flavor';

describe('flavorOf', () => {
  it.each([
    ['/api/v1/envelope/callback/add', 'docstudio'],
    ['/api/v1/envelope/events', 'docstudio'],
    ['/callback', 'conpeek'],
    ['/callback/42/recall', 'conpeek'],
    ['/application/9/webhook', 'conpeek'],
    ['/rest/v1/service/integration_points', 'incoplax'],
    ['/exec', 'incoplax'],
    ['/health/ready', 'hookrelay'],
    ['/callbacks', 'hookrelay'],
    ['/', 'hookrelay'],
  ])('%s → %s', (path, flavor) => {
    expect(flavorOf(path)).toBe(flavor);
  });
});

describe('errorBody', () => {
  it.each([
    ['docstudio', 400, { code: 400, message: 'm' }],
    ['conpeek', 404, { success: false, error: { code: 404, message: 'm' } }],
    ['incoplax', 404, { error_code: 1404, error_message: 'm' }],
    ['incoplax', 409, { error_code: 1409, error_message: 'm' }],
    ['hookrelay', 503, { statusCode: 503, error: 'Service Unavailable', message: 'm' }],
  ] as const)('%s %i', (flavor, status, body) => {
    expect(errorBody(flavor, status, 'm')).toEqual(body);
  });

  it('lists every problem in Conpeek details when there are several', () => {
    expect(errorBody('conpeek', 400, 'a; b', ['a', 'b'])).toEqual({ success: false, error: { code: 400, message: 'a; b', details: ['a', 'b'] } });
  });
});
