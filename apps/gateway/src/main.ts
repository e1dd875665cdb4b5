import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@hookrelay/config';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { GatewayEnv } from './config/gateway.env';
import { GatewayModule } from './gateway.module';
import { createBodyParser } from './http/body-parser.middleware';
import { answerClientError } from './http/client-error.handler';
import { httpMetrics } from './http/http-metrics.middleware';
import { collectProcessMetrics, JsonLogger, startTracing, stopTracing } from '@hookrelay/messaging';
import { correlation } from './http/correlation.middleware';
import { tracing } from './http/tracing.middleware';
import { createLookupFront } from './lookup';

async function main(): Promise<void> {
  const env = loadConfig(GatewayEnv);
  // OpenTelemetry, when the OTEL_* variables ask for it (README "Tracing"); nothing is started otherwise.
  const traced = startTracing('gateway', env);
  const logger = new Logger('gateway');
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(env), { bodyParser: false, logger: new JsonLogger('gateway', env.LOG_LEVEL) });
  app.disable('x-powered-by');
  // No ETag on API answers: Express would hash every response body, for conditional GETs no client here makes.
  app.disable('etag');
  collectProcessMetrics();
  app.use(httpMetrics);
  app.use(createBodyParser(env.MAX_BODY_BYTES));
  if (traced) app.use(tracing);
  app.use(correlation);
  // The /docs page's scripts and styles (Swagger UI, from the swagger-ui-dist package).
  app.useStaticAssets(getAbsoluteFSPath(), { prefix: '/docs/assets' });
  await app.init();
  // Requests Node's parser refuses get a JSON 400 in the API's dialect, not Node's bare one.
  app.getHttpServer().on('clientError', answerClientError);

  // Node's HTTP parser refuses the LOOKUP method, so the public port is served by a front socket that
  // hands connections to Nest's server with LOOKUP rewritten (see ./lookup).
  const front = createLookupFront(app.getHttpServer());
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(env.PORT, env.HOST, () => resolve());
  });
  logger.log(`ready: listening on http://${env.HOST}:${env.PORT}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: closing the listener, finishing in-flight requests`);
    front.close();
    await app.close();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
