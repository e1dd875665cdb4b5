import { Controller, Get, Res } from '@nestjs/common';
import { Response } from 'express';
import { Public } from '../auth/principal';
import { ReadinessReport, ReadinessService } from './readiness.service';

@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process serves HTTP. */
  @Get()
  live(): { ok: true } {
    return { ok: true };
  }

  /** Readiness: database and NATS of the gateway and of every service; 503 when any is down. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    res.status(report.ok ? 200 : 503);
    return report;
  }
}
