import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { REPLAY_JOB_SUBJECTS_V1, ReplayJobView } from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { Response } from 'express';
import { CurrentPrincipal, Principal } from '../../auth/principal';
import { IdempotencyKey } from '../../http/idempotency-key.decorator';
import { relayed, singleQueryValues } from '../../http/relay.util';

/** Bulk replay jobs (ADR 0014): routing only (callbacks service validates the body and runs the jobs). */
@Controller('hookrelay/v1/replays')
export class ReplayJobsController {
  constructor(private readonly services: ServiceClient) {}

  /** 202 for a new job (and for its Idempotency-Key repeated); 200 when the same filter's job is still at work. */
  @Post()
  async create(
    @CurrentPrincipal() who: Principal, @Body() body: unknown, @IdempotencyKey() idempotencyKey: string | undefined, @Res({ passthrough: true }) res: Response,
  ): Promise<{ data: ReplayJobView }> {
    const filter = relayed<Record<string, unknown>>(typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['filter'] : body);
    const reply = await this.services.request(REPLAY_JOB_SUBJECTS_V1.create, { tenantId: who.tenantId, filter, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) });
    res.status(reply.created ? 202 : 200);
    return { data: reply.job };
  }

  @Get()
  async list(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>): Promise<{ data: ReplayJobView[] }> {
    return { data: await this.services.request(REPLAY_JOB_SUBJECTS_V1.list, { tenantId: who.tenantId, ...singleQueryValues(query, ['limit'] as const) }) };
  }

  @Get(':id')
  async get(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<{ data: ReplayJobView }> {
    return { data: await this.services.request(REPLAY_JOB_SUBJECTS_V1.get, { tenantId: who.tenantId, id }) };
  }
}
