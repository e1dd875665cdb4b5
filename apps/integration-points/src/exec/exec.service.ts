import { Inject, Injectable } from '@nestjs/common';
import {
  EXEC_MAX_BODY_BYTES, ExecCommand, ExecHandlerReply, ExecRequestMessage, ExecResult, execRequestSubject, execSyncSubject, ServiceErrorCode,
  ServiceException,
} from '@hookrelay/contracts';
import { describeValidationErrors, NATS_CONNECTION } from '@hookrelay/messaging';
import { IntegrationPointRepository } from '@hookrelay/persistence';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { JSONCodec, NatsConnection, NatsError } from 'nats';
import { randomUUID } from 'node:crypto';
import { IntegrationPointViews } from '../integration-points/integration-point-views';

const codec = JSONCodec<unknown>();
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length']);
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/**
 * Inbound webhooks into a channel: authenticated by token_local, handed to the channel's handler over
 * NATS — durably through JetStream (async channels) or as a request awaiting the handler's answer.
 */
@Injectable()
export class ExecService {
  constructor(
    private readonly points: IntegrationPointRepository,
    private readonly views: IntegrationPointViews,
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
    const message: ExecRequestMessage = {
      request_id: randomUUID(),
      received_at: new Date().toISOString(),
      integration_point: this.views.view(point),
      method: command.method,
      url: command.url,
      headers: command.headers,
      body_base64: command.bodyBase64,
      sender_ip: command.senderIp,
      protocol: command.protocol,
    };
    return point.optsIsSync ? this.callHandler(point.recvSvcScriptCode, message, point.optsRecvTimeout) : this.store(point.recvSvcScriptCode, message);
  }

  /** Async channel: 200 only once JetStream has acknowledged the stored request. */
  private async store(scriptCode: string, message: ExecRequestMessage): Promise<ExecResult> {
    await this.nc.jetstream().publish(execRequestSubject(scriptCode), codec.encode(message), { msgID: message.request_id });
    const body = { accepted: true, request_id: message.request_id };
    return { status: 200, headers: JSON_HEADERS, bodyBase64: Buffer.from(JSON.stringify(body)).toString('base64') };
  }

  private async callHandler(scriptCode: string, message: ExecRequestMessage, timeoutMs: number): Promise<ExecResult> {
    let data: Uint8Array;
    try {
      data = (await this.nc.request(execSyncSubject(scriptCode), codec.encode(message), { timeout: timeoutMs })).data;
    } catch (error) {
      const code = (error as NatsError).code;
      if (code === '503') throw new ServiceException(ServiceErrorCode.Unavailable, `no handler "${scriptCode}" is subscribed`);
      if (code === 'TIMEOUT') throw new ServiceException(ServiceErrorCode.Timeout, `handler "${scriptCode}" did not answer within ${timeoutMs} ms`);
      throw error;
    }
    const reply = this.parseReply(data, scriptCode);
    const headers = Object.fromEntries(Object.entries(reply.headers ?? {}).filter(([name, value]) => typeof value === 'string' && !HOP_BY_HOP.has(name.toLowerCase())));
    return { status: reply.status, headers, bodyBase64: reply.body_base64 ?? '' };
  }

  private parseReply(data: Uint8Array, scriptCode: string): ExecHandlerReply {
    let raw: unknown;
    try {
      raw = codec.decode(data);
    } catch {
      throw new ServiceException(ServiceErrorCode.Unavailable, `handler "${scriptCode}" answered something that is not JSON`);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new ServiceException(ServiceErrorCode.Unavailable, `handler "${scriptCode}" answered an invalid reply: not an object`);
    }
    const reply = plainToInstance(ExecHandlerReply, raw);
    const errors = validateSync(reply);
    if (errors.length > 0) {
      throw new ServiceException(ServiceErrorCode.Unavailable, `handler "${scriptCode}" answered an invalid reply: ${describeValidationErrors(errors).join('; ')}`);
    }
    return reply;
  }
}
