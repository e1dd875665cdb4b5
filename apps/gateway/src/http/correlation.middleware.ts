import { Logger } from '@nestjs/common';
import { CORRELATION_HEADER, correlationIdFrom, redactText, runWithCorrelationId } from '@hookrelay/messaging';
import { NextFunction, Request, Response } from 'express';

const access = new Logger('request');

/**
 * Gives every request a correlation id (the client's `x-request-id` when it is safe to log, else a new
 * one), returns it in the response, runs the rest of the request inside it (so it reaches the services
 * in the NATS headers), and logs one access line. Mounted after the body parser: its 'end' callback runs
 * outside any request context. The path is logged without its credential segments (GET
 * …/integration_tokens/{token_local}) and never with its query string.
 */
export function correlation(req: Request, res: Response, next: NextFunction): void {
  const requestId = correlationIdFrom(req.headers[CORRELATION_HEADER]);
  res.setHeader(CORRELATION_HEADER, requestId);
  const started = performance.now();
  res.once('finish', () => access.log({ msg: 'request', requestId, method: req.method, path: redactText(req.path), status: res.statusCode, ms: Math.round(performance.now() - started) }));
  runWithCorrelationId(requestId, () => next());
}
