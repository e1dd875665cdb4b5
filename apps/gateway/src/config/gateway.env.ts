import { CommonEnv, Secret, toInt } from '@hookrelay/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { apiKeyWeakness } from './api-key-weakness.util';

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
