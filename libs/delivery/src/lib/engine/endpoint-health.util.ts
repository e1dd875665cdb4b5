export interface EndpointHealthState {
  failingSince: Date | null;
  pausedAt: Date | null;
  lastError: string | null;
}

/**
 * The circuit breaker: what one attempt's outcome does to its endpoint's health, or null when nothing
 * changes (so a healthy endpoint costs no write). An endpoint failing without a single success for
 * `pauseAfterMs` is paused; a 410 Gone pauses it at once (the receiver said the subscription is gone).
 * A success clears the failure streak.
 */
export function nextEndpointHealth(
  current: EndpointHealthState | null,
  outcome: 'delivered' | 'retry' | 'disable' | 'fail',
  reason: string,
  now: Date,
  pauseAfterMs: number,
): EndpointHealthState | null {
  const failingSince = current?.failingSince ?? null;
  const pausedAt = current?.pausedAt ?? null;
  if (outcome === 'delivered') return failingSince || pausedAt ? { failingSince: null, pausedAt: null, lastError: null } : null;
  if (outcome === 'fail') return null; // refused by our own guard: says nothing about the endpoint
  if (outcome === 'disable') return pausedAt ? null : { failingSince: failingSince ?? now, pausedAt: now, lastError: reason };
  if (!failingSince) return { failingSince: now, pausedAt: null, lastError: reason };
  if (!pausedAt && now.getTime() - failingSince.getTime() >= pauseAfterMs) return { failingSince, pausedAt: now, lastError: reason };
  return null;
}
