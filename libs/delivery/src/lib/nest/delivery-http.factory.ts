import type { HttpAttempter } from '../core/ports/http-attempter.port';
import { AxiosHttpAttempter } from '../http-axios/axios-http.attempter';
import { DeliveryHttpClient } from '../http/delivery-http.client';
import type { DeliveryModuleOptions } from './delivery.tokens';

/**
 * The HTTP client of attempts (DELIVERY_HTTP_CLIENT). Both keep the same guarantees — SSRF check on the
 * dialled address, one deadline, bounded body, no redirects, keep-alive pools, c-ares DNS with a timeout
 * and cache — through the same guarded undici agent. `undici` (the default) calls it directly; `axios` goes
 * through @nestjs/axios's HttpService with an adapter over that agent, at about twice the CPU per attempt
 * (docs/benchmarks.md), so it is not the hot-loop default.
 */
export function createHttpAttempter(options: Pick<DeliveryModuleOptions, 'httpClient' | 'allowCidrs' | 'publicUrls' | 'engine'>): HttpAttempter {
  const settings = {
    allowCidrs: options.allowCidrs, publicUrls: options.publicUrls, connectionsPerOrigin: options.engine.perEndpoint, userAgent: options.engine.userAgent,
  };
  return options.httpClient === 'axios' ? new AxiosHttpAttempter(settings) : new DeliveryHttpClient(settings);
}
