import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

export interface StoredRetryConfig {
  retry_value: number;
  max_retries: number;
  backoff_type: 'constant' | 'linear' | 'multiplier';
  backoff_value: number;
}

/** One webhook per (tenant, application): PUT creates or replaces it. */
@Entity({ name: 'application_webhooks' })
export class ApplicationWebhookEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ name: 'application_id', type: 'integer' })
  applicationId!: number;

  @Column({ type: 'varchar', length: 2048 })
  url!: string;

  @Column({ name: 'retry_enabled', type: 'boolean' })
  retryEnabled!: boolean;

  @Column({ name: 'retry_config', type: 'simple-json' })
  retryConfig!: StoredRetryConfig;

  /** Legacy plaintext custom headers: `{}` once the row is sealed (see headersSealed). */
  @Column({ type: 'simple-json' })
  headers!: Record<string, string>;

  /**
   * The custom headers, sealed (SecretBox, bound to `application_webhooks:<tenant>:<application>:headers`);
   * null when there are none or the row predates sealing (the webhooks service seals those at start).
   */
  @Column({ name: 'headers_sealed', type: 'text', nullable: true })
  headersSealed!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: Date;
}
