import { BucketLimit } from './token-bucket.util';

/** The ingest quota as configured: a default per tenant and overrides by tenant name; `null` = unlimited. */
export interface IngestQuotaSettings {
  readonly defaultLimit: BucketLimit | null;
  readonly overrides: ReadonlyMap<string, BucketLimit | null>;
}

/** `name:rate[:burst]` entries, comma-separated; a rate of 0 lifts the limit for that tenant. */
export const INGEST_RATE_OVERRIDES_PATTERN = /^[A-Za-z0-9._-]{1,200}:\d{1,9}(:\d{1,9})?(,[A-Za-z0-9._-]{1,200}:\d{1,9}(:\d{1,9})?)*$/;

/** A rate with no burst given may take two seconds' worth at once. */
const DEFAULT_BURST_SECONDS = 2;

function limitOf(ratePerSecond: number, burst: number | undefined): BucketLimit | null {
  if (ratePerSecond === 0) return null;
  return { ratePerSecond, burst: Math.max(1, burst ?? ratePerSecond * DEFAULT_BURST_SECONDS) };
}

/** Builds the settings from the env values (already checked against their patterns at boot). */
export function ingestQuotaSettings(ratePerSecond: number, burst: number | undefined, overrides: string | undefined): IngestQuotaSettings {
  const byName = new Map<string, BucketLimit | null>();
  for (const entry of overrides ? overrides.split(',') : []) {
    const [name, rate, entryBurst] = entry.split(':') as [string, string, string | undefined];
    byName.set(name, limitOf(Number(rate), entryBurst === undefined ? undefined : Number(entryBurst)));
  }
  return { defaultLimit: limitOf(ratePerSecond, burst), overrides: byName };
}
