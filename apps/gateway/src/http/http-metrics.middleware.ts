import { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { flavorOf } from './api-flavor';

const requestSeconds = new Histogram({
  name: 'hookrelay_http_request_duration_seconds',
  help: 'HTTP requests served by the gateway, by API, method and status',
  labelNames: ['api', 'method', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
});

/** Times every request (labels stay low-cardinality: the API dialect, not the path). */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const stop = requestSeconds.startTimer();
  res.once('finish', () => stop({ api: flavorOf(req.path), method: req.method, status: String(res.statusCode) }));
  next();
}
