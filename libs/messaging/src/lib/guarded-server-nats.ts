import { Logger } from '@nestjs/common';
import { NatsOptions, ServerNats } from '@nestjs/microservices';
import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { SpanKind } from '@opentelemetry/api';
import { JSONCodec, Msg } from 'nats';
import { activeTracer } from './tracing/tracing';
import { inSpan } from './tracing/traced-span.util';
import { extractTraceHeaders } from './tracing/trace-headers.util';
import { InvalidNatsRequestError, StrictNatsRequestDeserializer } from './strict-nats-request.deserializer';

const codec = JSONCodec<unknown>();

/**
 * Nest's NATS server whose message handling can never fail the process: nats.js calls the handler and
 * ignores the promise it returns, so any rejection (a message that is not a request, above all) would be
 * unhandled. Every failure is logged and, when the message has a reply subject, refused with an error reply
 * in Nest's format (`{id, err, isDisposed}`), which ServiceClient reads as a ServiceException.
 */
export class GuardedServerNats extends ServerNats {
  private readonly guard = new Logger('NatsInput');

  constructor(options: Required<NatsOptions>['options']) {
    super({ ...options, deserializer: new StrictNatsRequestDeserializer() });
  }

  override async handleMessage(channel: string, natsMsg: Msg): Promise<unknown> {
    if (!activeTracer()) return this.handleGuarded(channel, natsMsg);
    // The handler runs in a server span whose parent is the caller's span (traceparent in the NATS headers).
    return inSpan(`process ${channel}`, SpanKind.SERVER, { 'messaging.system': 'nats', 'messaging.destination.name': channel, 'messaging.operation.type': 'process' },
      () => this.handleGuarded(channel, natsMsg), extractTraceHeaders(natsMsg.headers));
  }

  private async handleGuarded(channel: string, natsMsg: Msg): Promise<unknown> {
    try {
      return await super.handleMessage(channel, natsMsg);
    } catch (error) {
      const invalid = error instanceof InvalidNatsRequestError;
      const reason = invalid ? error.message : `handling failed: ${error instanceof Error ? error.message : String(error)}`;
      this.guard.warn(`refused a message on ${channel} (${natsMsg.data.byteLength} bytes${natsMsg.reply ? '' : ', no reply subject'}): ${reason}`);
      if (!natsMsg.reply) return undefined;
      const body = new ServiceException(invalid ? ServiceErrorCode.BadRequest : ServiceErrorCode.Internal, invalid ? `invalid request: ${reason}` : 'internal error').toBody();
      try {
        // No readable id to echo: ServiceClient matches replies by their inbox subject, not by id.
        natsMsg.respond(codec.encode({ id: '', err: body, isDisposed: true }));
      } catch {
        // The connection is closing: nobody to answer.
      }
      return undefined;
    }
  }
}
