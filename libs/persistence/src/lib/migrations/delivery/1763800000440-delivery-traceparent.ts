import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../portable-columns';

/**
 * `deliveries.traceparent`: the W3C trace context of the request that accepted the delivery (null when
 * tracing was off). Retries and recalls are published by the scheduler long after that request ended;
 * their jobs take the trace context from here, so every attempt of a delivery joins the trace of its event.
 */
export class DeliveryTraceparent1763800000440 implements MigrationInterface {
  name = 'DeliveryTraceparent1763800000440';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('deliveries', new TableColumn(col.varchar('traceparent', 64, { nullable: true })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('deliveries', 'traceparent');
  }
}
