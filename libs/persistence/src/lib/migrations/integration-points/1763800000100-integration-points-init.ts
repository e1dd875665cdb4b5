import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../portable-columns';

export class IntegrationPointsInit1763800000100 implements MigrationInterface {
  name = 'IntegrationPointsInit1763800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'integration_points',
      columns: [
        col.id('tenant_id'), col.id('id'), col.varchar('code', 255), col.varchar('type', 64), col.varchar('token_local', 64),
        col.text('token_remote_sealed', { nullable: true }), col.text('token_remote2_sealed', { nullable: true }),
        col.varchar('url', 2048, { default: '' }),
        col.varchar('recv_svcscriptcode', 255, { default: '' }), col.varchar('recv_svcscriptcode_ws', 255, { default: '' }),
        col.varchar('send_svcscriptcode', 255, { default: '' }), col.varchar('send_svcscriptcode_ws', 255, { default: '' }),
        col.varchar('opts_title', 500, { default: '' }), col.text('opts_comment', { default: '' }),
        col.boolean('opts_allow_files_api', false), col.boolean('opts_issync', false), col.integer('opts_recv_timeout'),
        col.text('opts_roles', { nullable: true }), col.varchar('opts_userid', 36, { nullable: true }),
        col.epochMs('created_at'), col.epochMs('updated_at'),
      ],
      indices: [
        { name: 'ux_integration_points_tenant_code', columnNames: ['tenant_id', 'code'], isUnique: true },
        { name: 'ux_integration_points_token_local', columnNames: ['token_local'], isUnique: true },
        { name: 'ix_integration_points_tenant_created', columnNames: ['tenant_id', 'created_at'] },
      ],
    }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('integration_points');
  }
}
