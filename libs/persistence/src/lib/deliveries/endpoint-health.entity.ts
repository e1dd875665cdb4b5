import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

/**
 * Circuit breaker state of one endpoint (scheme://host:port) of one tenant: since when it has failed
 * without a success in between, and whether it is paused (then deliveries to it are closed as DISABLED
 * without an attempt until a user recalls one).
 */
@Entity({ name: 'endpoint_health' })
export class EndpointHealthEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 300 })
  endpoint!: string;

  @Column({ name: 'failing_since', type: 'bigint', nullable: true, transformer: epochMs })
  failingSince!: Date | null;

  @Column({ name: 'paused_at', type: 'bigint', nullable: true, transformer: epochMs })
  pausedAt!: Date | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}
