import { Controller, Get, Req, Res } from '@nestjs/common';
import { Request, Response } from 'express';
import { Public } from '../auth/principal';
import { CONSOLE_SECURITY_HEADERS, ConsoleFiles } from './console-files';

/**
 * The web console (apps/console, a single-page app) at /console on the API port. The page is public; every
 * API it calls needs the key the user signs in with, so nothing is readable without one.
 */
@Public()
@Controller('console')
export class ConsoleController {
  constructor(private readonly files: ConsoleFiles) {}

  @Get(['', '*path'])
  serve(@Req() req: Request, @Res() res: Response): void {
    res.set(CONSOLE_SECURITY_HEADERS);
    const answer = this.files.lookup(req.path);
    if (answer.kind === 'missing') {
      res.status(answer.status).set('cache-control', 'no-store').json(hookrelayError(answer.status, answer.message));
      return;
    }
    res.set('cache-control', answer.cacheControl);
    // Dot segments were refused by lookup(); 'allow' so a CONSOLE_DIR under a dot directory (~/.local/…) still works.
    res.sendFile(answer.path, { cacheControl: false, dotfiles: 'allow' }, (error?: Error) => {
      if (error && !res.headersSent) res.status(404).json(hookrelayError(404, 'not found'));
    });
  }
}

/** A missing file answers like the rest of /hookrelay: `{statusCode, error, message}`. */
function hookrelayError(status: 404 | 503, message: string): { statusCode: number; error: string; message: string } {
  return { statusCode: status, error: status === 404 ? 'Not Found' : 'Service Unavailable', message };
}
