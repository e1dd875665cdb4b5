import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';

/**
 * Gateway replicas tell each other how many events each tenant had accepted through them since their last
 * report (plain NATS, every gateway listens), so each replica's per-tenant ingest bucket is charged for
 * the whole cluster's traffic and the configured rate holds across replicas (apps/gateway/src/ingest).
 * Wire format (ADR 0002): do not change without a new version.
 */
export const GATEWAY_INGEST_USAGE_SUBJECT_V1 = 'gateway.ingest-usage.v1';

/** Most tenants one report names; a replica with more sends several reports. */
export const MAX_TENANTS_PER_USAGE_REPORT = 1_000;

export class IngestUsageEntry {
  @IsUUID() tenantId!: string;
  /** The tenant's name: per-tenant limits are configured by name (INGEST_RATE_OVERRIDES). */
  @IsString() @MaxLength(200) tenantName!: string;
  /** Events accepted for this tenant by the reporting replica since its previous report. */
  @IsInt() @Min(1) events!: number;
}

export class IngestUsageReport {
  /** The reporting gateway process: a replica ignores its own reports. */
  @IsString() @MaxLength(64) replicaId!: string;
  @IsArray() @ArrayMaxSize(MAX_TENANTS_PER_USAGE_REPORT) @ValidateNested({ each: true }) @Type(() => IngestUsageEntry) usage!: IngestUsageEntry[];
}
