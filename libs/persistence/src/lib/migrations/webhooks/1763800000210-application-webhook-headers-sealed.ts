import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { col } from '../portable-columns';

/**
 * Custom headers of an application webhook are stored sealed (review M7: they often carry bearer tokens):
 * `headers_sealed` holds them AES-GCM encrypted (SecretBox, bound to
 * `application_webhooks:<tenant>:<application>:headers`); `headers` keeps only `{}` once a row is sealed.
 * A migration cannot seal (the encryption key is the service's config): the webhooks service seals the rows
 * still in plaintext when it starts (ApplicationWebhookHeadersSealer); until then it reads the plaintext column.
 */
export class ApplicationWebhookHeadersSealed1763800000210 implements MigrationInterface {
  name = 'ApplicationWebhookHeadersSealed1763800000210';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('application_webhooks', new TableColumn(col.text('headers_sealed', { nullable: true })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('application_webhooks', 'headers_sealed');
  }
}
