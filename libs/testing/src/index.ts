// Test-only entry point (@hookrelay/testing): real servers and helpers for the integration and e2e
// tiers. Production code must never import it.
export { getFreePort } from './free-port.util';
export { startNatsServer, type NatsServerHandle, type NatsServerOptions } from './nats-server.process';
export { startPostgres, type PostgresHandle, type PostgresOptions } from './postgres-server.process';
export {
  startReceiver,
  type HttpReceiver,
  type ReceivedRequest,
  type ReceiverOptions,
  type ResponseScript,
  type ScriptedResponse,
} from './http-receiver';
export { createTestDatabase } from './test-database.util';
export { tempSqlitePath } from './temp-sqlite-path.util';
export { TEST_ENV, testNatsUrl, testPostgresUrl } from './test-env';
export { startPlatform, SERVICE_APPS, type PlatformHandle, type PlatformOptions, type PlatformApp, type AppProcess } from './platform.process';
export { rawHttp, bytewise, type RawHttpResponse } from './raw-http.client';
export { nestNatsRequest } from './nest-nats-request';
export { runCli, type CliResult } from './cli.process';
export { TEST_NATS_SUPERUSER, testNatsPassword, testNatsCredentialsEnv, addTestNatsUser } from './test-nats-auth';
export { startNatsCluster, type NatsClusterHandle, type NatsClusterNode, type NatsClusterOptions } from './nats-cluster.process';
