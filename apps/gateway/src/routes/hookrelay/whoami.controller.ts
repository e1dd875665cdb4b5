import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '../../auth/principal';

export interface WhoamiView {
  tenant_id: string;
  tenant_name: string;
  role: Principal['role'];
}

/** Who the key belongs to and what it may do: the console shows or hides its action buttons by the role. Gateway-only. */
@Controller('hookrelay/v1/whoami')
export class WhoamiController {
  @Get()
  whoami(@CurrentPrincipal() who: Principal): { data: WhoamiView } {
    return { data: { tenant_id: who.tenantId, tenant_name: who.tenantName, role: who.role } };
  }
}
