import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentCorrelationId } from './correlation';

/** Never logged, wherever they appear in a logged object. */
const REDACT = [
  'authorization', 'headers.authorization', 'req.headers.authorization', '*.authorization', 'password', '*.password', 'token', '*.token',
  'token_local', '*.token_local', 'token_remote', '*.token_remote', 'token_remote2', '*.token_remote2', 'signing_secret', '*.signing_secret',
  'signingSecret', '*.signingSecret', 'key', '*.key', 'HOOKRELAY_ENCRYPTION_KEY', 'HOOKRELAY_ENCRYPTION_KEYS', 'HOOKRELAY_API_KEYS', 'DATABASE_URL',
];

/**
 * Structured JSON logs (one object per line, pino) for Nest and our own code. Every line written while
 * serving a request carries its `requestId` (see correlation.ts); secrets are redacted by key.
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(service: string, level = 'info') {
    this.pino = pino({
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentCorrelationId();
        return requestId ? { requestId } : {};
      },
    });
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }

  error(message: unknown, traceOrContext?: string, context?: string): void {
    this.write('error', message, context ?? traceOrContext);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, context?: string): void {
    if (typeof message === 'object' && message !== null) this.pino[level]({ context, ...(message as object) });
    else this.pino[level]({ context }, String(message));
  }
}
