import { Injectable } from '@nestjs/common';
import {
  CreateIntegrationPointCommand, DeleteIntegrationPointCommand, GetIntegrationPointCommand, IntegrationPointFieldsInput,
  IntegrationPointProjection, IntegrationPointView, IntegrationTokenView, ListIntegrationPointsCommand, LookupIntegrationPointCommand, RECV_TIMEOUT_MS,
  ResolveIntegrationTokenCommand, ServiceErrorCode, ServiceException, UpdateIntegrationPointCommand,
} from '@hookrelay/contracts';
import {
  applyIncoplaxMask, FilterSyntaxError, flattenObject, INCOPLAX_INTEGRATION_POINT_SCHEMA, IncoplaxItemQuery, parseIncoplaxItemQuery,
  parseIncoplaxQuery,
} from '@hookrelay/filtering';
import { IntegrationPointEntity, IntegrationPointRepository, isUniqueViolation } from '@hookrelay/persistence';
import { generateHexToken } from '@hookrelay/secrets';
import { DeliveryEngine, SubscriptionKey, TargetConfig, TargetUrlPolicy } from '@hookrelay/delivery';
import { ExecConsumersService } from '../exec/exec-consumers.service';
import { CHANNEL_SEND_POLICY } from '../outbound/channel-send.policy';
import { randomUUID } from 'node:crypto';
import { toRepositoryQuery } from './integration-point-query.mapper';
import { IntegrationPointViews } from './integration-point-views';

const notFound = (): ServiceException => new ServiceException(ServiceErrorCode.NotFound, 'integration point not found');

@Injectable()
export class IntegrationPointsService {
  constructor(
    private readonly points: IntegrationPointRepository,
    private readonly views: IntegrationPointViews,
    private readonly engine: DeliveryEngine,
    private readonly execConsumers: ExecConsumersService,
    private readonly urls: TargetUrlPolicy,
  ) {}

  async create({ tenantId, body }: CreateIntegrationPointCommand): Promise<IntegrationPointProjection> {
    const now = new Date();
    const entity = Object.assign(new IntegrationPointEntity(), {
      tenantId,
      id: body.id?.toLowerCase() ?? randomUUID(),
      code: body.code,
      type: body.type,
      tokenLocal: generateHexToken(),
      url: '', recvSvcScriptCode: '', recvSvcScriptCodeWs: '', sendSvcScriptCode: '', sendSvcScriptCodeWs: '',
      optsTitle: '', optsComment: '', optsAllowFilesApi: false, optsIsSync: false, optsRecvTimeout: RECV_TIMEOUT_MS.default,
      optsRoles: null, optsUserId: null, tokenRemoteSealed: null, tokenRemote2Sealed: null,
      createdAt: now, updatedAt: now,
    });
    this.applyFields(entity, body);
    if (await this.points.findById(tenantId, entity.id)) throw new ServiceException(ServiceErrorCode.Conflict, `id "${entity.id}" already exists`);
    if (await this.points.findByCode(tenantId, entity.code)) throw new ServiceException(ServiceErrorCode.Conflict, `code "${entity.code}" already exists`);
    try {
      await this.points.insert(entity);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ServiceException(ServiceErrorCode.Conflict, 'an integration point with this id or code already exists');
      throw error;
    }
    // The channel's Standard Webhooks secret, shown once here and at …/{id}/secret afterwards.
    const { createdSecret } = await this.engine.targets.upsert(refOf(tenantId, entity.id), this.targetOf(entity));
    // Before the tenant's handlers first try to pull: they may not create their consumer themselves.
    if (entity.recvSvcScriptCode) await this.execConsumers.ensureQuietly(tenantId);
    return { ...this.view(entity), signing_secret: createdSecret ?? (await this.engine.targets.currentSecret(refOf(tenantId, entity.id))) };
  }

  async secret({ tenantId, id }: DeleteIntegrationPointCommand): Promise<{ signing_secret: string }> {
    if (!(await this.points.findById(tenantId, id))) throw notFound();
    return { signing_secret: await this.engine.targets.currentSecret(refOf(tenantId, id)) };
  }

  async rotateSecret({ tenantId, id }: DeleteIntegrationPointCommand): Promise<{ signing_secret: string }> {
    if (!(await this.points.findById(tenantId, id))) throw notFound();
    return { signing_secret: await this.engine.targets.rotateSecret(refOf(tenantId, id)) };
  }

  async get({ tenantId, id, query, viewerRole }: GetIntegrationPointCommand): Promise<IntegrationPointProjection> {
    const itemQuery = parseQuery(() => parseIncoplaxItemQuery(query, INCOPLAX_INTEGRATION_POINT_SCHEMA));
    const entity = await this.points.findById(tenantId, id);
    if (!entity) throw notFound();
    return this.project(this.views.viewFor(entity, viewerRole), itemQuery);
  }

  async list({ tenantId, query, viewerRole }: ListIntegrationPointsCommand): Promise<IntegrationPointProjection[]> {
    const parsed = parseQuery(() => parseIncoplaxQuery(query, INCOPLAX_INTEGRATION_POINT_SCHEMA));
    const entities = await this.points.list(tenantId, toRepositoryQuery(parsed));
    return entities.map((entity) => this.project(this.views.viewFor(entity, viewerRole), parsed));
  }

  async update({ tenantId, id, body }: UpdateIntegrationPointCommand): Promise<IntegrationPointProjection> {
    const entity = await this.points.findById(tenantId, id);
    if (!entity) throw notFound();
    if (body.id !== undefined && body.id.toLowerCase() !== entity.id) throw new ServiceException(ServiceErrorCode.BadRequest, 'id cannot be changed');
    if (body.token_local !== undefined && body.token_local !== entity.tokenLocal) {
      throw new ServiceException(ServiceErrorCode.BadRequest, 'token_local cannot be changed');
    }
    if (body.code !== undefined && body.code !== entity.code) {
      const holder = await this.points.findByCode(tenantId, body.code);
      if (holder) throw new ServiceException(ServiceErrorCode.Conflict, `code "${body.code}" already exists`);
      entity.code = body.code;
    }
    if (body.type !== undefined) entity.type = body.type;
    this.applyFields(entity, body);
    // lwt must move on every change even within the centisecond the API shows.
    entity.updatedAt = new Date(Math.max(Date.now(), entity.updatedAt.getTime() + 10));
    try {
      await this.points.save(entity);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ServiceException(ServiceErrorCode.Conflict, `code "${entity.code}" already exists`);
      throw error;
    }
    // A new url or token_remote applies to the channel's pending sends too, retries included.
    await this.engine.targets.upsert(refOf(tenantId, entity.id), this.targetOf(entity));
    if (entity.recvSvcScriptCode) await this.execConsumers.ensureQuietly(tenantId);
    return this.view(entity);
  }

  /** Deleting a channel cancels its pending outbound deliveries (they stay in GET /callback). */
  async delete({ tenantId, id }: DeleteIntegrationPointCommand): Promise<{ deleted: true }> {
    if (!(await this.points.delete(tenantId, id))) throw notFound();
    await this.engine.targets.remove(refOf(tenantId, id));
    return { deleted: true };
  }

  async lookup({ tenantId, key }: LookupIntegrationPointCommand): Promise<string[]> {
    const ids = await this.points.lookupIds(tenantId, key);
    if (ids.length === 0) throw new ServiceException(ServiceErrorCode.NotFound, 'Lookup failed');
    return ids;
  }

  async resolveToken({ tenantId, token, domain }: ResolveIntegrationTokenCommand): Promise<IntegrationTokenView> {
    const entity = await this.points.findByTokenLocal(token);
    if (!entity || entity.tenantId !== tenantId) throw new ServiceException(ServiceErrorCode.NotFound, 'Token not found');
    return { domain, integration_point: { id: entity.id, _links: { self: { href: `/rest/v1/service/integration_points/${entity.id}` } } } };
  }

  private applyFields(entity: IntegrationPointEntity, body: IntegrationPointFieldsInput): void {
    // The channel's outbound URL ('' = none), refused now rather than at every send; DNS is judged at connect time.
    const refused = body.url ? this.urls.refusalOf(body.url) : null;
    if (refused !== null) throw new ServiceException(ServiceErrorCode.BadRequest, `url is not allowed: ${refused}`);
    if (body.url !== undefined) entity.url = body.url;
    if (body.recv_svcscriptcode !== undefined) entity.recvSvcScriptCode = body.recv_svcscriptcode;
    if (body.recv_svcscriptcode_ws !== undefined) entity.recvSvcScriptCodeWs = body.recv_svcscriptcode_ws;
    if (body.send_svcscriptcode !== undefined) entity.sendSvcScriptCode = body.send_svcscriptcode;
    if (body.send_svcscriptcode_ws !== undefined) entity.sendSvcScriptCodeWs = body.send_svcscriptcode_ws;
    if (body.token_remote !== undefined) entity.tokenRemoteSealed = this.views.seal(entity, 'token_remote', body.token_remote);
    if (body.token_remote2 !== undefined) entity.tokenRemote2Sealed = this.views.seal(entity, 'token_remote2', body.token_remote2);
    const opts = body.opts;
    if (!opts) return;
    if (opts.title !== undefined) entity.optsTitle = opts.title;
    if (opts.comment !== undefined) entity.optsComment = opts.comment;
    if (opts.allow_files_api !== undefined) entity.optsAllowFilesApi = opts.allow_files_api;
    if (opts.issync !== undefined) entity.optsIsSync = opts.issync;
    if (opts.recv_timeout !== undefined) entity.optsRecvTimeout = opts.recv_timeout;
    if (opts.roles !== undefined) entity.optsRoles = opts.roles;
    if (opts.userid !== undefined) entity.optsUserId = opts.userid;
  }

  private targetOf(entity: IntegrationPointEntity): TargetConfig {
    const { token_remote: token } = this.view(entity);
    return { url: entity.url, headers: {}, policy: CHANNEL_SEND_POLICY, authorization: token ? `Bearer ${token}` : null, label: entity.code };
  }

  private view(entity: IntegrationPointEntity): IntegrationPointView {
    return this.views.view(entity);
  }

  private project(view: object, query: IncoplaxItemQuery): IntegrationPointProjection {
    const masked = applyIncoplaxMask(view as Record<string, unknown>, query.mask);
    return query.flat ? flattenObject(masked) : masked;
  }
}

export function refOf(tenantId: string, id: string): SubscriptionKey {
  return { tenantId, source: 'integration_point', subscriptionId: id };
}

function parseQuery<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new ServiceException(ServiceErrorCode.BadRequest, error.message);
    throw error;
  }
}
