import { DeliverySubscriptionsController } from '../routes/hookrelay/delivery-subscriptions.controller';
import { DeliveryStatsController } from '../routes/hookrelay/delivery-stats.controller';
import { OperationalEventsController } from '../routes/hookrelay/operational-events.controller';
import { DeliveriesController } from '../routes/hookrelay/deliveries.controller';
import { ReplayJobsController } from '../routes/hookrelay/replay-jobs.controller';
import { WhoamiController } from '../routes/hookrelay/whoami.controller';
import 'reflect-metadata';
import SwaggerParser from '@apidevtools/swagger-parser';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { HealthController } from '../health/health.controller';
import { ApplicationWebhookController } from '../routes/conpeek/application-webhook.controller';
import { CallbackLogController } from '../routes/conpeek/callback-log.controller';
import { EnvelopeCallbacksController } from '../routes/docstudio/envelope-callbacks.controller';
import { ExecController } from '../routes/incoplax/exec.controller';
import { IntegrationPointsController } from '../routes/incoplax/integration-points.controller';
import { buildOpenApiDocument } from './openapi.document';

const CONTROLLERS = [
  HealthController, IntegrationPointsController, ExecController, ApplicationWebhookController, CallbackLogController, EnvelopeCallbacksController, DeliverySubscriptionsController,
  DeliveryStatsController, OperationalEventsController, DeliveriesController, ReplayJobsController, WhoamiController,
];

/** Every route Nest serves, as [OpenAPI path, operation key], read from the controllers' own metadata. */
function servedRoutes(): Array<[string, string]> {
  const routes: Array<[string, string]> = [];
  for (const controller of CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const path = `/${[base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/:([A-Za-z_]+)/g, '{$1}');
      routes.push([path, RequestMethod[method].toLowerCase()]);
    }
  }
  return routes;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1 (checked by swagger-parser)', async () => {
    await expect(SwaggerParser.validate(structuredClone(buildOpenApiDocument('http://127.0.0.1:3000')) as never)).resolves.toBeDefined();
  });

  it.each(servedRoutes())('documents %s %s', (path, method) => {
    const item = (buildOpenApiDocument().paths as Record<string, Record<string, unknown>>)[path];
    expect(item).toBeDefined();
    // Nest serves LOOKUP as SEARCH (see ../lookup); the document names the real verb.
    if (method === 'search') expect((item!['x-additionalOperations'] as Record<string, unknown>).LOOKUP).toBeDefined();
    else expect(item![method]).toBeDefined();
  });

  it('documents no operation Nest does not serve', () => {
    const served = new Set(servedRoutes().map(([p, m]) => `${m === 'search' ? 'lookup' : m} ${p}`));
    const documented = Object.entries(buildOpenApiDocument().paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) => [
      ...Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)).map((m) => `${m} ${path}`),
      ...Object.keys((item['x-additionalOperations'] as Record<string, unknown>) ?? {}).map((m) => `${m.toLowerCase()} ${path}`),
    ]);
    expect(documented.filter((op) => !served.has(op))).toEqual([]);
  });
});
