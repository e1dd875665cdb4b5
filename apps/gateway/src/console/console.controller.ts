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
      res.status(answer.status).type('text/plain; charset=utf-8').set('cache-control', 'no-store').send(answer.message);
      return;
    }
    res.set('cache-control', answer.cacheControl);
    // Dot segments were refused by lookup(); 'allow' so a CONSOLE_DIR under a dot directory (~/.local/…) still works.
    res.sendFile(answer.path, { cacheControl: false, dotfiles: 'allow' }, (error?: Error) => {
      if (error && !res.headersSent) res.status(404).type('text/plain; charset=utf-8').send('Not found.\n');
    });
  }
}
