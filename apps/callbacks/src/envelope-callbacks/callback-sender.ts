import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EnvelopeSendResultView } from '@hookrelay/contracts';
import { activeSigningSecrets, DEFAULT_USER_AGENT, DeliveryEngine, DeliveryHttpClient, planAttempt } from '@hookrelay/delivery';
import { timeOrderedId } from '@hookrelay/persistence';
import { CallbackTarget } from './callback-target.mapper';
import { subscriptionOf } from './envelope-callbacks.service';

export const SEND_HTTP_CLIENT = Symbol('SEND_HTTP_CLIENT');

/** How much of the receiver's answer `send` returns. */
const SEND_BODY_BYTES = 16 * 1024;

/**
 * DocStudio's `send`: one attempt now, outside the delivery queue and log, made exactly like a delivery
 * (the engine's planAttempt: signature, Basic auth, the callback's timeout) through the engine's HTTP
 * client (SSRF guard, no redirects, bounded body).
 */
@Injectable()
export class CallbackSender implements OnApplicationShutdown {
  constructor(
    @Inject(SEND_HTTP_CLIENT) private readonly http: DeliveryHttpClient,
    private readonly engine: DeliveryEngine,
  ) {}

  async send(tenantId: string, target: CallbackTarget, payload: string): Promise<EnvelopeSendResultView> {
    const now = new Date();
    // Signed like a delivery: with every active secret (the previous one too during its 24 h grace).
    const secrets = activeSigningSecrets(await this.engine.targets.signingSecrets(subscriptionOf(tenantId, target.id)), now);
    const plan = planAttempt(
      { id: timeOrderedId(now.getTime()), url: target.url, payload, headers: {}, policy: target.policy, attempts: 0, applicationState: 'NEW' },
      { now, secrets, authorization: target.authorization, userAgent: DEFAULT_USER_AGENT },
    );
    const outcome = await this.http.attempt({ ...plan, maxResponseBytes: SEND_BODY_BYTES });
    if (outcome.result.kind === 'response') return { code: outcome.result.status, body: outcome.snippet };
    // No HTTP response (timeout, connection error, refused address): code 0 and what happened.
    return { code: 0, body: outcome.error ?? outcome.result.kind };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.http.close();
  }
}
