import { Injectable } from '@nestjs/common';
import { ChannelSendResult, SendThroughChannelCommand, ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { classifyAttempt, responseSnippet } from '@hookrelay/delivery';
import { IntegrationPointEntity, IntegrationPointRepository } from '@hookrelay/persistence';
import { IntegrationPointViews } from '../integration-points/integration-point-views';

const SEND_TIMEOUT_MS = 10_000;

/**
 * Sends one message through a channel to its url, with `Authorization: Bearer <token_remote>`.
 * A direct, single attempt: the durable, retried path is the delivery engine's (see the delivery issue).
 * Redirects are not followed; the response body read is bounded.
 */
@Injectable()
export class ChannelSenderService {
  constructor(
    private readonly points: IntegrationPointRepository,
    private readonly views: IntegrationPointViews,
  ) {}

  async send({ tenantId, channel, payload }: SendThroughChannelCommand): Promise<ChannelSendResult> {
    const point = await this.find(tenantId, channel);
    if (!point.url) throw new ServiceException(ServiceErrorCode.BadRequest, `integration point "${point.code}" has no url to send to`);
    const { token_remote: token } = this.views.view(point);
    const started = performance.now();
    try {
      const response = await fetch(point.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        headers: { 'content-type': 'application/json', 'user-agent': 'Hookrelay', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(payload),
      });
      const body = await readBounded(response);
      const verdict = classifyAttempt({ kind: 'response', status: response.status });
      return { status: response.status, delivered: verdict.outcome === 'delivered', ...(verdict.outcome === 'delivered' ? {} : { error: verdict.reason }), body_snippet: responseSnippet(body), duration_ms: elapsed(started) };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const reason = timedOut ? `no response within ${SEND_TIMEOUT_MS} ms` : describeNetworkError(error);
      return { status: null, delivered: false, error: reason, body_snippet: '', duration_ms: elapsed(started) };
    }
  }

  private async find(tenantId: string, channel: string): Promise<IntegrationPointEntity> {
    const point = (await this.points.findById(tenantId, channel)) ?? (await this.points.findByCode(tenantId, channel));
    if (!point) throw new ServiceException(ServiceErrorCode.NotFound, 'integration point not found');
    return point;
  }
}

const SNIPPET_READ_BYTES = 4096;

/** Reads at most a few KiB of the body, then stops the download. */
async function readBounded(response: Response): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  while (size < SNIPPET_READ_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(Buffer.from(value));
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return `connection failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
