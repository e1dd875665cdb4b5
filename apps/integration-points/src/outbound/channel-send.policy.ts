import type { EnginePolicy } from '@hookrelay/delivery';

/**
 * Outbound sends through a channel: integration points have no timeout or retry settings, so each attempt
 * gets 10 s, and a send is tried once plus retries on the engine's fixed schedule (5 s, 30 s, 2 min, 10 min, 30 min).
 */
export const CHANNEL_SEND_POLICY: EnginePolicy = { kind: 'bearer', timeoutMs: 10_000, maxAttempts: 6 };
