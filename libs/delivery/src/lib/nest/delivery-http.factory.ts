import type { HttpAttempter } from '../core/ports/http-attempter.port';
import { DeliveryHttpClient } from '../http/delivery-http.client';
import type { DeliveryModuleOptions } from './delivery.tokens';

/**
 * The HTTP client of attempts. Both keep the same guarantees (SSRF check on the dialled address, one
 * deadline, bounded body, no redirects, keep-alive pools); `undici` is the default because the bench
 * measures it faster (docs/benchmarks.md), `axios` goes through @nestjs/axios's HttpService.
 */
export function createHttpAttempter(options: Pick<DeliveryModuleOptions, 'httpClient' | 'allowCidrs' | 'engine'>): HttpAttempter {
  const settings = { allowCidrs: options.allowCidrs, connectionsPerOrigin: options.engine.perEndpoint, userAgent: options.engine.userAgent };
  return new DeliveryHttpClient(settings);
}
