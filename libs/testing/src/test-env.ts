/** Environment variables through which the Jest global setup hands its servers to the tests. */
export const TEST_ENV = {
  /** `nats://127.0.0.1:<port>` of a nats-server with JetStream. */
  natsUrl: 'HOOKRELAY_TEST_NATS_URL',
  /** The shared nats-server's users file and pid (set when the global setup started it with authorization). */
  natsUsersFile: 'HOOKRELAY_TEST_NATS_USERS_FILE',
  natsPid: 'HOOKRELAY_TEST_NATS_PID',
  /** `postgres://postgres@127.0.0.1:<port>/hookrelay`, a superuser URL to the test server. */
  postgresUrl: 'HOOKRELAY_TEST_PG_URL',
} as const;

/**
 * The shared test nats-server's URL; throws a how-to message outside the integration/e2e tiers. The server
 * runs with Hookrelay's NATS authorization; a connection to this URL without credentials is the test superuser.
 */
export function testNatsUrl(): string {
  return requireEnv(TEST_ENV.natsUrl);
}

/** The shared test PostgreSQL server's `hookrelay` database URL; throws a how-to message if unset. */
export function testPostgresUrl(): string {
  return requireEnv(TEST_ENV.postgresUrl);
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `${name} is not set. Run this test in the integration or e2e tier ` +
        '(TEST_TIER=integration jest --config <project>/jest.config.js), whose global setup ' +
        `(libs/testing) starts the servers, or set ${name} to a running server.`,
    );
  }
  return value;
}
