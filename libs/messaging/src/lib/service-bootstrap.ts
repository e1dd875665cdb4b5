import { DynamicModule, INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommonEnv, loadConfig } from '@hookrelay/config';
import { ServiceName } from '@hookrelay/contracts';
import { createPayloadValidationPipe } from './payload-validation.pipe';
import { ServiceRpcExceptionFilter } from './rpc-exception.filter';
import { CompositeInterceptor } from './composite.interceptor';
import { InFlightInterceptor } from './in-flight.interceptor';
import { JsonLogger } from './json-logger';
import { RequestLoggingInterceptor } from './request-logging.interceptor';
import { collectProcessMetrics } from './metrics.controller';
import { ReplySizeInterceptor } from './reply-size.interceptor';
import { INSTANCE_ID } from './service-health';
import { GuardedServerNats } from './guarded-server-nats';
import { NatsClientOptions, natsClientOptions, natsConnectionOptions } from './nats-client-options';
import { startTracing, stopTracing } from './tracing/tracing';
import type { TracingSwitches } from './tracing/tracing-wanted.util';

/** How long a stopping replica waits for its in-flight requests (orchestrators give 30 s by default). */
const SHUTDOWN_GRACE_MS = 20_000;

export interface ServiceBootstrapOptions {
  service: ServiceName;
  module: DynamicModule;
  /** Servers, credentials and inbox prefix; the connection name gets the instance id. */
  nats: NatsClientOptions;
  /** Port for /health and /health/ready over HTTP; none when undefined or 0. */
  opsPort?: number;
  logLevel?: string;
  /** The OTEL_* switches (the app's env class); tracing stays off without them. */
  tracing?: TracingSwitches;
}

/**
 * Starts one replica of a service: NATS request/reply in the service's queue group (replicas share the
 * load), the same validation and error mapping on every subject, and an orderly shutdown on SIGTERM/SIGINT
 * (finish in-flight requests, then close: NATS connections are drained, the database closed; exit code 0).
 */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<INestApplication> {
  const logger = new Logger(options.service);
  // Last line of defence: a rejected promise nobody awaits is logged, never allowed to end the process
  // (Node's default), which would take every in-flight request of this replica with it.
  process.on('unhandledRejection', (reason) => logger.error(`unhandled promise rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));
  collectProcessMetrics();
  // OpenTelemetry, when the OTEL_* variables ask for it; nothing is started otherwise.
  startTracing(options.service, options.tracing ?? {});
  const app = await NestFactory.create(options.module, { logger: new JsonLogger(options.service, options.logLevel) });
  // Registered on the app and inherited by the NATS side: Nest ignores pipes/filters set on a hybrid
  // app's microservice after creation.
  app.useGlobalPipes(createPayloadValidationPipe());
  app.useGlobalFilters(new ServiceRpcExceptionFilter());
  const inFlight = new InFlightInterceptor();
  app.useGlobalInterceptors(new CompositeInterceptor([new RequestLoggingInterceptor(), inFlight, new ReplySizeInterceptor()]));
  app.connectMicroservice(
    { strategy: new GuardedServerNats({ ...natsConnectionOptions({ ...options.nats, name: `${options.service}-${INSTANCE_ID}` }), queue: options.service }) },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  if (options.opsPort) await app.listen(options.opsPort, '0.0.0.0');
  else await app.init();
  logger.log(`ready: instance ${INSTANCE_ID}, queue group "${options.service}"${options.opsPort ? `, ops port ${options.opsPort}` : ''}`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing ${inFlight.inFlight} in-flight request(s), then closing`);
    if (!(await inFlight.idle(SHUTDOWN_GRACE_MS))) logger.warn(`${inFlight.inFlight} request(s) still running after ${SHUTDOWN_GRACE_MS} ms; closing anyway`);
    await app.close();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return app;
}

/**
 * A service's whole main(): validate its env class once (a bad variable stops boot with its name),
 * then start the replica. Exits non-zero on any boot failure.
 */
export function runService<E extends CommonEnv>(service: ServiceName, envClass: new () => E, moduleFor: (env: E) => DynamicModule): void {
  const start = async (): Promise<void> => {
    const env = loadConfig(envClass);
    await bootstrapService({ service, module: moduleFor(env), nats: natsClientOptions(env, service), opsPort: env.OPS_PORT, logLevel: env.LOG_LEVEL, tracing: env });
  };
  start().catch((error: unknown) => {
    console.error(`${service} failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
