import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RETIRED_STREAM_NAMES } from '@hookrelay/contracts';
import { NATS_CONNECTION } from '@hookrelay/messaging';
import { NatsConnection } from 'nats';

/**
 * The v1 exec stream (no tenant in its subjects) is no longer written (ADR 0009). Left in place so v1
 * handlers can drain what it holds; this says at boot whether it still holds anything, and that it can
 * be deleted once empty. Never fails the boot: NATS credentials without rights on it are fine.
 */
@Injectable()
export class RetiredExecStreamCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('RetiredExecStream');

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  onApplicationBootstrap(): void {
    // Not awaited: an answer that never comes (no rights on the stream) must not hold up readiness.
    void this.check();
  }

  private async check(): Promise<void> {
    const name = RETIRED_STREAM_NAMES.execRequestsV1;
    try {
      const { state } = await (await this.nc.jetstreamManager()).streams.info(name);
      if (state.messages > 0) {
        this.logger.warn(`stream ${name} (v1 /exec requests) still holds ${state.messages} message(s) nothing writes any more: let v1 handlers drain it, then delete it (nats stream rm ${name})`);
      } else {
        this.logger.log(`stream ${name} (v1 /exec requests) is empty and no longer used: delete it (nats stream rm ${name})`);
      }
    } catch {
      // Not there (the usual case), or not ours to read.
    }
  }
}
