import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns/epoch-ms.transformer';

@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Index('ux_tenants_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: Date;
}
