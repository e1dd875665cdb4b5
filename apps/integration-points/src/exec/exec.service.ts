import { Inject, Injectable } from '@nestjs/common';
import {
  EXEC_MAX_BODY_BYTES, ExecCommand, ExecRequestMessageV2, ExecResult, execRequestSubjectV2, execSyncSubjectV2, ServiceErrorCode, ServiceException,
} from '@hookrelay/contracts';
import { NATS_CONNECTION } from '@hookrelay/messaging';
import { IntegrationPointEntity, IntegrationPointRepository } from '@hookrelay/persistence';
import { JSONCodec, NatsConnection, NatsError } from 'nats';
import { randomUUID } from 'node:crypto';
import { ExecConsumersService } from './exec-consumers.service';
import { toExecIntegrationPointView } from './exec-integration-point.mapper';
import { parseExecHandlerReply } from './exec-handler-reply.parser';

const codec = JSONCodec<unknown>();
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
/** What a caller of a full exec stream is told to wait: handlers drain it, or max age empties it. */
export const EXEC_STREAM_FULL_RETRY_AFTER_SECONDS = 30;

/**
 * Inbound webhooks into a channel: authenticated by token_local, handed to the channel's handler over
 * NATS, on subjects scoped by tenant (exec-handler.v2.ts) — durably through JetStream (async channels)
 * or as a request awaiting the handler's answer.
 */
@Injectable()
export class ExecService {
  constructor(
    private readonly points: IntegrationPointRepository,
    private readonly consumers: ExecConsumersService,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  async exec(command: ExecCommand): Promise<ExecResult> {
    const point = await this.points.findByTokenLocal(command.token);
    if (!point) throw new ServiceException(ServiceErrorCode.Unauthorized, 'unknown integration token');
    if (Buffer.byteLength(command.bodyBase64, 'base64') > EXEC_MAX_BODY_BYTES) {
      throw new ServiceException(ServiceErrorCode.PayloadTooLarge, `/exec bodies are limited to ${EXEC_MAX_BODY_BYTES} bytes`);
    }
    if (!point.recvSvcScriptCode) {
      throw new ServiceException(ServiceErrorCode.Unavailable, 'this integration point has no handler (recv_svcscriptcode is empty)');
    }
    const message: ExecRequestMessageV2 = {
      tenant_id: point.tenantId,
      request_id: randomUUID(),
      received_at: new Date().toISOString(),
      integration_point: toExecIntegrationPointView(point),
      method: command.method,
      url: command.url,
      headers: command.headers,
      body_base64: command.bodyBase64,
      sender_ip: command.senderIp,
      protocol: command.protocol,
    };
    return point.optsIsSync ? this.callHandler(point, message) : this.store(point, message);
  }

  /** Async channel: 200 only once JetStream has acknowledged the stored request. */
  private async store(point: IntegrationPointEntity, message: ExecRequestMessageV2): Promise<ExecResult> {
    await this.consumers.ensure(point.tenantId);
    try {
      await this.nc.jetstream().publish(execRequestSubjectV2(point.tenantId, point.recvSvcScriptCode), codec.encode(message), { msgID: message.request_id });
    } catch (error) {
      if (isStreamFull(error)) {
        throw new ServiceException(
          ServiceErrorCode.Unavailable, 'too many /exec requests are waiting for their handlers; retry later', undefined, undefined, EXEC_STREAM_FULL_RETRY_AFTER_SECONDS,
        );
      }
      throw error;
    }
    const body = { accepted: true, request_id: message.request_id };
    return { status: 200, headers: JSON_HEADERS, bodyBase64: Buffer.from(JSON.stringify(body)).toString('base64') };
  }

  private async callHandler(point: IntegrationPointEntity, message: ExecRequestMessageV2): Promise<ExecResult> {
    const scriptCode = point.recvSvcScriptCode;
    let data: Uint8Array;
    try {
      data = (await this.nc.request(execSyncSubjectV2(point.tenantId, scriptCode), codec.encode(message), { timeout: point.optsRecvTimeout })).data;
    } catch (error) {
      const code = (error as NatsError).code;
      if (code === '503') throw new ServiceException(ServiceErrorCode.Unavailable, `no handler "${scriptCode}" is subscribed`);
      if (code === 'TIMEOUT') throw new ServiceException(ServiceErrorCode.Timeout, `handler "${scriptCode}" did not answer within ${point.optsRecvTimeout} ms`);
      throw error;
    }
    return parseExecHandlerReply(data, scriptCode);
  }
}

/** Discard new refusing the publish: the stream (or this subject) reached an EXEC_STREAM_* cap (the PubAck's API error). */
function isStreamFull(error: unknown): boolean {
  const description = (error as { api_error?: { description?: unknown } } | undefined)?.api_error?.description;
  return typeof description === 'string' && /^maximum (bytes|messages|messages per subject) exceeded$/i.test(description);
}
