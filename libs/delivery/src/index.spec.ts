import * as delivery from './index';

// Guards the README's API list: a rename or a dropped export fails here, not in a consuming app.
describe('@hookrelay/delivery public surface', () => {
  it.each([
    'generateSigningSecret',
    'parseSigningSecret',
    'signPayload',
    'activeSigningSecrets',
    'rotateSigningSecrets',
    'parseRetrySchedule',
    'docstudioRetryDelayMs',
    'docstudioRetryPolicy',
    'conpeekRetryDelayMs',
    'conpeekMaxAttempts',
    'conpeekRetryPolicy',
    'nextAttemptAt',
    'retryAfterMs',
    'parseHttpDate',
    'classifyAttempt',
    'responseSnippet',
    'DeliverySettingError',
  ] as const)('exports %s', (name) => {
    expect(typeof delivery[name]).toBe('function');
  });

  it.each<[keyof typeof delivery, unknown]>([
    ['SECRET_ROTATION_GRACE_MS', 86_400_000],
    ['SIGNING_SECRET_PREFIX', 'whsec_'],
    ['MAX_RETRY_DELAY_MS', 86_400_000],
    ['DOCSTUDIO_MAX_RETRIES', 10],
    ['DEFAULT_SNIPPET_BYTES', 1024],
  ])('exports %s = %j', (name, value) => {
    expect(delivery[name]).toBe(value);
  });
});
