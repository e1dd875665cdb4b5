import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../portable-columns';

export class TenancyInit1763800000000 implements MigrationInterface {
  name = 'TenancyInit1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'tenants',
      columns: [col.id(), col.varchar('name', 200), col.epochMs('created_at')],
      indices: [{ name: 'ux_tenants_name', columnNames: ['name'], isUnique: true }],
    }));
    await queryRunner.createTable(new Table({
      name: 'api_keys',
      columns: [
        col.id(), col.varchar('tenant_id', 36), col.varchar('key_hash', 64), col.varchar('role', 16),
        col.varchar('label', 200, { default: '' }), col.epochMs('created_at'), col.epochMs('revoked_at', { nullable: true }),
      ],
      indices: [
        { name: 'ux_api_keys_hash', columnNames: ['key_hash'], isUnique: true },
        { name: 'ix_api_keys_tenant', columnNames: ['tenant_id'] },
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_keys');
    await queryRunner.dropTable('tenants');
  }
}
