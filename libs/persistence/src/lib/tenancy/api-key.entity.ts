import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

export const API_KEY_ROLES = ['admin', 'read'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/** An API key, stored only as its SHA-256. */
@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('ix_api_keys_tenant')
  @Column({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @Index('ux_api_keys_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash!: string;

  /** admin | read: stored as varchar (not a PG enum) so both drivers share one migration. */
  @Column({ type: 'varchar', length: 16 })
  role!: ApiKeyRole;

  @Column({ type: 'varchar', length: 200, default: '' })
  label!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'bigint', nullable: true, transformer: epochMs })
  revokedAt!: Date | null;
}
