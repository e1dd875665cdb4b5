import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { Request, Response } from 'express';
import { flavorOf } from '../http/api-flavor';
import { ACCEPTS_EVENTS } from './accepts-events.metadata';
import { IngestEventCount } from './ingest-event-count.util';
import { IngestLimiter } from './ingest-limiter';
import { ingestRefusals } from './ingest-refusals.metric';
import { isOwnDelivery } from './own-delivery.util';

/**
 * The accept endpoints' gate: a request that is one of our own deliveries is refused (400, loop), then the
 * tenant's ingest bucket must hold the request's events, else 429 with Retry-After. Both answers come
 * before anything is stored, in the API's own error shape (GatewayExceptionFilter keeps the header set here).
 */
@Injectable()
export class IngestGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: IngestLimiter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const count = this.reflector.get<IngestEventCount | undefined>(ACCEPTS_EVENTS, context.getHandler());
    const req = context.switchToHttp().getRequest<Request>();
    if (!count || !req.principal) return true;
    if (isOwnDelivery(req.headers)) {
      ingestRefusals.inc({ api: flavorOf(req.path), reason: 'loop' });
      throw new ServiceException(
        ServiceErrorCode.BadRequest,
        'loop detected: this request was sent by Hookrelay (a webhook or callback points at Hookrelay\'s own events endpoint); point it at a receiver instead',
      );
    }
    const events = count(req.body);
    const decision = this.limiter.admit({ id: req.principal.tenantId, name: req.principal.tenantName }, events);
    if (decision.accepted) return true;
    ingestRefusals.inc({ api: flavorOf(req.path), reason: 'rate_limit' });
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(decision.retryAfterSeconds));
    const { ratePerSecond, burst } = decision.limit;
    throw new ServiceException(
      ServiceErrorCode.TooManyRequests,
      `ingest rate limit exceeded: this tenant may send ${ratePerSecond} events per second (bursts up to ${burst}); ` +
        `this request's ${events} event(s) were not accepted, retry after ${decision.retryAfterSeconds} s`,
    );
  }
}
