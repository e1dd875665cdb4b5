import { CommonEnv, Secret, toInt } from '@hookrelay/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, ValidationArguments } from 'class-validator';
import { apiKeyWeakness } from './api-key-weakness.util';
import { INGEST_RATE_OVERRIDES_PATTERN } from '../ingest/ingest-quota.settings';

/** `tenant:key` or `tenant:key:role` pairs, comma-separated. */
export const API_KEYS_PATTERN = /^[A-Za-z0-9._-]{1,200}:[A-Za-z0-9._~+/=-]{16,200}(:(admin|read))?(,[A-Za-z0-9._-]{1,200}:[A-Za-z0-9._~+/=-]{16,200}(:(admin|read))?)*$/;

export class GatewayEnv extends CommonEnv {
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** API keys ensured at boot: "tenant:key[:admin|read]" pairs, comma-separated; weak or placeholder keys are refused (apiKeyWeakness). */
  @IsOptional()
  @Secret()
  @Matches(API_KEYS_PATTERN, { message: 'must be comma-separated tenant:key[:admin|read] entries; keys are 16-200 characters of [A-Za-z0-9._~+/=-]' })
  @ValidateBy({
    name: 'strongApiKeys',
    validator: { validate: (value: unknown) => weakApiKeyEntry(value) === null, defaultMessage: (args?: ValidationArguments) => weakApiKeyEntry(args?.value) ?? '' },
  })
  HOOKRELAY_API_KEYS?: string;

  /** Largest request body accepted, in bytes; bodies are relayed over NATS (1 MiB max payload by default). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(900 * 1024)
  MAX_BODY_BYTES = 768 * 1024;

  /**
   * Events per second each tenant may send through the accept endpoints (an envelope batch counts each of
   * its events), across all gateway replicas; 0 = unlimited. Over it: 429 with Retry-After.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  INGEST_RATE_PER_SECOND = 5_000;

  /** Events a tenant may send at once on top of the rate (a full bucket); default twice the rate. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000_000)
  INGEST_BURST?: number;

  /** Per-tenant exceptions by tenant name: "name:rate[:burst]", comma-separated; a rate of 0 = unlimited. */
  @IsOptional()
  @Matches(INGEST_RATE_OVERRIDES_PATTERN, { message: 'must be comma-separated tenant:rate[:burst] entries (whole numbers; rate 0 = unlimited)' })
  INGEST_RATE_OVERRIDES?: string;

  /** The web console's build (served at /console); unset: dist/apps/console beside the built gateway (consoleDirFrom). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  CONSOLE_DIR?: string;
}

export interface ProvisionedKey {
  tenant: string;
  key: string;
  role: 'admin' | 'read';
}

export function parseApiKeys(value: string | undefined): ProvisionedKey[] {
  if (!value) return [];
  return value.split(',').map((entry) => {
    const [tenant, key, role] = entry.split(':') as [string, string, string | undefined];
    return { tenant, key, role: role === 'read' ? 'read' : 'admin' };
  });
}

/** The first entry whose key is too weak to store, described without the key; null when all are fine. */
function weakApiKeyEntry(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  for (const [index, { tenant, key }] of parseApiKeys(value).entries()) {
    const problem = apiKeyWeakness(key);
    if (problem) return `entry ${index + 1} (tenant "${tenant}"): the key ${problem}; generate one with \`openssl rand -hex 24\` or \`hookrelay key:create\``;
  }
  return null;
}
