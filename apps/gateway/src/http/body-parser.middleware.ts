import { NextFunction, Request, Response } from 'express';
import { errorBody, flavorOf } from './api-flavor';

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
 */
export function createBodyParser(maxBytes: number): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
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
