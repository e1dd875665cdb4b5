import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import { currentCorrelationId } from './correlation';
import { redactSecrets, redactText } from './redact-secrets.util';

/**
 * Structured JSON logs (one object per line, pino) for Nest and our own code. Every line written while
 * serving a request carries its `requestId` (see correlation.ts). Credentials are redacted before a line is
 * written: by key name at any depth (authorization, cookie, token*, *secret*, password, *_key) and, in
 * strings, token path segments and credential-named query values (redact-secrets.util.ts).
 */
export class JsonLogger implements LoggerService {
  readonly pino: Logger;

  constructor(service: string, level = 'info') {
    this.pino = pino({
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
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
    if (typeof message === 'object' && message !== null) this.pino[level](redactSecrets({ context, ...(message as object) }));
    else this.pino[level]({ context }, redactText(String(message)));
  }
}
