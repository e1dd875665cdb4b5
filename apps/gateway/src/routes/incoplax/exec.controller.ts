import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import { EXEC_SUBJECT_V1, RECV_TIMEOUT_MS, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { Request, Response } from 'express';
import { keyFromAuthorization } from '../../auth/api-key.guard';
import { Public } from '../../auth/principal';
import { servableExecResult } from './servable-exec-result.util';

/** Longest a synchronous handler may take (opts.recv_timeout) plus the hops around it. */
const EXEC_TIMEOUT_MS = RECV_TIMEOUT_MS.max + 5_000;

function headersOf(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    // The channel token stays here: handlers get the channel entity instead.
    if (name === 'authorization' || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Incoplax inbound webhooks: `POST|GET /exec` authenticated by the channel's token_local (not an API key).
 * The integration-points service hands the request to the channel's handler and says what to answer.
 */
@Public()
@Controller('exec')
export class ExecController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  post(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  @Get()
  get(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  private async relay(req: Request, res: Response): Promise<void> {
    const authorization = req.headers.authorization ?? '';
    const token = /^Bearer\s+/i.test(authorization) ? keyFromAuthorization(authorization) : null;
    if (!token) throw new ServiceException(ServiceErrorCode.Unauthorized, 'send the channel token as "Authorization: Bearer <token_local>"');
    const result = await this.services.request(
      EXEC_SUBJECT_V1,
      {
        token, method: req.method, url: req.originalUrl, headers: headersOf(req), bodyBase64: (req.rawBody ?? Buffer.alloc(0)).toString('base64'),
        senderIp: req.socket.remoteAddress ?? '', protocol: `HTTP/${req.httpVersion}`,
      },
      EXEC_TIMEOUT_MS,
    );
    const served = servableExecResult(result);
    res.status(served.status).set(served.headers).send(served.body);
  }
}
