import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

/**
 * An Incoplax integration point (channel). opts.* are columns, not a JSON blob, so every field the
 * list API filters or orders by is a plain indexed-able column on both drivers.
 * The primary key includes the tenant: ids may be chosen by the client, and tenant A's id is not B's.
 */
@Entity({ name: 'integration_points' })
@Index('ux_integration_points_tenant_code', ['tenantId', 'code'], { unique: true })
@Index('ix_integration_points_tenant_created', ['tenantId', 'createdAt'])
export class IntegrationPointEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'varchar', length: 36 })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: string;

  /** What callers of /exec present: unique across tenants because /exec has no other credential. */
  @Index('ux_integration_points_token_local', { unique: true })
  @Column({ name: 'token_local', type: 'varchar', length: 64 })
  tokenLocal!: string;

  /** AES-256-GCM sealed (SecretBox); null when empty. */
  @Column({ name: 'token_remote_sealed', type: 'text', nullable: true })
  tokenRemoteSealed!: string | null;

  @Column({ name: 'token_remote2_sealed', type: 'text', nullable: true })
  tokenRemote2Sealed!: string | null;

  @Column({ type: 'varchar', length: 2048, default: '' })
  url!: string;

  @Column({ name: 'recv_svcscriptcode', type: 'varchar', length: 255, default: '' })
  recvSvcScriptCode!: string;

  @Column({ name: 'recv_svcscriptcode_ws', type: 'varchar', length: 255, default: '' })
  recvSvcScriptCodeWs!: string;

  @Column({ name: 'send_svcscriptcode', type: 'varchar', length: 255, default: '' })
  sendSvcScriptCode!: string;

  @Column({ name: 'send_svcscriptcode_ws', type: 'varchar', length: 255, default: '' })
  sendSvcScriptCodeWs!: string;

  @Column({ name: 'opts_title', type: 'varchar', length: 500, default: '' })
  optsTitle!: string;

  @Column({ name: 'opts_comment', type: 'text', default: '' })
  optsComment!: string;

  @Column({ name: 'opts_allow_files_api', type: 'boolean', default: false })
  optsAllowFilesApi!: boolean;

  @Column({ name: 'opts_issync', type: 'boolean', default: false })
  optsIsSync!: boolean;

  @Column({ name: 'opts_recv_timeout', type: 'integer' })
  optsRecvTimeout!: number;

  @Column({ name: 'opts_roles', type: 'simple-json', nullable: true })
  optsRoles!: string[] | null;

  @Column({ name: 'opts_userid', type: 'varchar', length: 36, nullable: true })
  optsUserId!: string | null;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: Date;
}

/** Entity properties the list API may filter and order by (the service maps API paths to these). */
export type IntegrationPointColumn =
  | 'id' | 'code' | 'type' | 'tokenLocal' | 'url' | 'recvSvcScriptCode' | 'recvSvcScriptCodeWs' | 'sendSvcScriptCode'
  | 'sendSvcScriptCodeWs' | 'optsTitle' | 'optsComment' | 'optsAllowFilesApi' | 'optsIsSync' | 'optsRecvTimeout'
  | 'optsUserId' | 'createdAt' | 'updatedAt';
