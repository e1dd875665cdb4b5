import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Search } from '@nestjs/common';
import {
  CreateIntegrationPointInput, INTEGRATION_POINT_SUBJECTS_V1, IntegrationPointProjection, IntegrationTokenView, ServiceErrorCode,
  ServiceException, UpdateIntegrationPointInput,
} from '@hookrelay/contracts';
import { ServiceClient } from '@hookrelay/messaging';
import { Request } from 'express';
import { CurrentPrincipal, Principal, ShowsCredentials } from '../../auth/principal';
import { relayed, singleQueryValues } from '../../http/relay.util';
import { originalMethod } from '../../lookup';

const LIST_PARAMS = ['filter', 'mask', 'order', 'offset', 'limit', 'flat'] as const;
const ITEM_PARAMS = ['mask', 'flat'] as const;

/** Incoplax/Era integration points: routing only; the integration-points service owns the behaviour. */
@Controller('rest/v1/service')
export class IntegrationPointsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('integration_points')
  @HttpCode(200)
  create(@CurrentPrincipal() who: Principal, @Body() body: unknown): Promise<IntegrationPointProjection> {
    return this.services.request(INTEGRATION_POINT_SUBJECTS_V1.create, { tenantId: who.tenantId, body: relayed<CreateIntegrationPointInput>(body) });
  }

  @Get('integration_points')
  list(@CurrentPrincipal() who: Principal, @Query() query: Record<string, unknown>): Promise<IntegrationPointProjection[]> {
    return this.services.request(INTEGRATION_POINT_SUBJECTS_V1.list, { tenantId: who.tenantId, query: singleQueryValues(query, LIST_PARAMS), viewerRole: who.role });
  }

  /** LOOKUP arrives here as SEARCH, rewritten by the gateway's front socket (see ../../lookup). */
  @Search('integration_points')
  @HttpCode(200)
  lookup(@CurrentPrincipal() who: Principal, @Req() req: Request, @Body() body: unknown): Promise<string[]> {
    if (originalMethod(req) !== 'LOOKUP') throw new ServiceException(ServiceErrorCode.BadRequest, 'use the LOOKUP method to search integration points');
    return this.services.request(INTEGRATION_POINT_SUBJECTS_V1.lookup, { tenantId: who.tenantId, key: relayed<string>(body) });
  }

  @Get('integration_points/:id')
  get(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<IntegrationPointProjection> {
    return this.services.request(INTEGRATION_POINT_SUBJECTS_V1.get, { tenantId: who.tenantId, id, query: singleQueryValues(query, ITEM_PARAMS), viewerRole: who.role });
  }

  @Patch('integration_points/:id')
  update(@CurrentPrincipal() who: Principal, @Param('id') id: string, @Body() body: unknown): Promise<IntegrationPointProjection> {
    return this.services.request(INTEGRATION_POINT_SUBJECTS_V1.update, { tenantId: who.tenantId, id, body: relayed<UpdateIntegrationPointInput>(body) });
  }

  @Delete('integration_points/:id')
  @HttpCode(204)
  async delete(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<void> {
    await this.services.request(INTEGRATION_POINT_SUBJECTS_V1.delete, { tenantId: who.tenantId, id });
  }

  @Get('integration_points/:id/secret')
  @ShowsCredentials()
  secret(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<{ signing_secret: string }> {
    return this.services.request(INTEGRATION_POINT_SUBJECTS_V1.getSecret, { tenantId: who.tenantId, id });
  }

  @Post('integration_points/:id/secret/rotate')
  @HttpCode(200)
  rotateSecret(@CurrentPrincipal() who: Principal, @Param('id') id: string): Promise<{ signing_secret: string }> {
    return this.services.request(INTEGRATION_POINT_SUBJECTS_V1.rotateSecret, { tenantId: who.tenantId, id });
  }

  @Get('integration_tokens/:token')
  resolveToken(@CurrentPrincipal() who: Principal, @Param('token') token: string): Promise<IntegrationTokenView> {
    return this.services.request(INTEGRATION_POINT_SUBJECTS_V1.resolveToken, { tenantId: who.tenantId, token, domain: who.tenantName });
  }
}
