import { IsUUID } from 'class-validator';

/** Every request a service serves acts for exactly one tenant, resolved by the gateway from the API key. */
export class TenantCommand {
  @IsUUID()
  tenantId!: string;
}
