import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../portable-columns';

/**
 * Credentials live with the subscription's target only, sealed (review M6/M7):
 * - delivery_targets gets `headers_sealed` (custom headers, AES-GCM via the engine's DeliverySealer, bound to
 *   `delivery_targets:<tenant>:<source>:<subscription>:headers`). The plaintext `headers` column stays for
 *   rows written before; the engine reads it until the target's next write, which clears it. A migration
 *   cannot seal (the encryption key is the services' config), so the owning service re-writes its legacy
 *   targets at start (webhooks: the only source with custom headers).
 * - deliveries no longer carry a copy of the headers or the sealed Authorization: a closed row's copy is
 *   dropped now, as is an open row's whose target has a config (attempts read the target, not the copy).
 *   Open rows of targets without a config keep theirs until they close.
 */
export class CredentialsOutOfDeliveries1763800000430 implements MigrationInterface {
  name = 'CredentialsOutOfDeliveries1763800000430';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('delivery_targets', new TableColumn(col.text('headers_sealed', { nullable: true })));
    await queryRunner.query(`UPDATE deliveries SET headers = '{}', authorization_sealed = NULL WHERE state = 'CLOSED'
      AND (headers <> '{}' OR authorization_sealed IS NOT NULL)`);
    await queryRunner.query(`UPDATE deliveries SET headers = '{}', authorization_sealed = NULL WHERE state <> 'CLOSED'
      AND (headers <> '{}' OR authorization_sealed IS NOT NULL)
      AND EXISTS (SELECT 1 FROM delivery_targets t WHERE t.tenant_id = deliveries.tenant_id AND t.source = deliveries.source
        AND t.subscription_id = deliveries.subscription_id AND t.url IS NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The dropped copies cannot come back; the targets still hold the credentials.
    await queryRunner.dropColumn('delivery_targets', 'headers_sealed');
  }
}
