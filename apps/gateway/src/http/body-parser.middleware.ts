import { MAX_BODY_DEPTH } from '@hookrelay/contracts';
import { NextFunction, Request, Response } from 'express';
import { errorBody, flavorOf } from './api-flavor';
import { hasNulInUrl, scanJsonText } from './json-text.scanner';

declare module 'express-serve-static-core' {
  interface Request {
    rawBody?: Buffer;
  }
}

function reject(req: Request, res: Response, status: number, message: string): void {
  if (res.headersSent) return;
  res.status(status).set('Connection', 'close').json(errorBody(flavorOf(req.path), status, message));
}

/**
 * Reads every request body (bounded) and parses it as JSON for the vendor APIs, whatever Content-Type
 * the client sent: the four APIs speak only JSON and their documented curl examples do not always say so
 * (LOOKUP's body is a bare JSON string, which strict JSON parsers refuse). A body that is not JSON gets a
 * 400 in the caller's API dialect; /exec keeps the raw bytes, since it relays any body to a handler.
 * Before anything is relayed, a NUL in the URL and, in a JSON body, a NUL or nesting deeper than
 * MAX_BODY_DEPTH are refused with a 400: each would otherwise end as a 500 further in (PostgreSQL error
 * 22021, a stack overflow serialising or validating the body).
 */
export function createBodyParser(maxBytes: number): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    if (hasNulInUrl(req.originalUrl)) {
      reject(req, res, 400, 'the URL contains a NUL character (%00)');
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      reject(req, res, 413, `request body is larger than ${maxBytes} bytes`);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(req, res, 413, `request body is larger than ${maxBytes} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!failed) {
        failed = true;
        next(error);
      }
    });
    req.on('end', () => {
      if (failed) return;
      const raw = Buffer.concat(chunks);
      req.rawBody = raw;
      req.body = undefined;
      if (raw.length === 0) return next();
      const isExec = flavorOf(req.path) === 'incoplax' && req.path.startsWith('/exec');
      const text = raw.toString('utf8');
      // /exec relays the raw bytes to a handler: what the JSON holds is the handler's business.
      const problem = isExec ? null : scanJsonText(text, MAX_BODY_DEPTH);
      if (problem !== null) return reject(req, res, 400, `request body ${problem}`);
      try {
        req.body = JSON.parse(text) as unknown;
      } catch {
        if (isExec) return next();
        return reject(req, res, 400, 'request body is not valid JSON');
      }
      next();
    });
  };
}
