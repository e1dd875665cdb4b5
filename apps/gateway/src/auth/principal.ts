import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiKeyRole } from '@hookrelay/persistence';
import { Request } from 'express';

/** Who is calling: resolved from the API key by the guard. */
export interface Principal {
  tenantId: string;
  tenantName: string;
  role: ApiKeyRole;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export const PUBLIC_ROUTE = 'hookrelay:public';
/** Routes without an API key: health probes, docs, and /exec (authenticated by its channel token). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

export const WRITE_ROUTE = 'hookrelay:write';
/** A GET that changes something (DocStudio's /send) still needs a key that may write. */
export const Writes = (): MethodDecorator => SetMetadata(WRITE_ROUTE, true);

export const CREDENTIALS_ROUTE = 'hookrelay:credentials';
/**
 * A route whose answer is a credential (a signing secret): only an admin key may call it, whatever the
 * method, so a leaked read-only key cannot sign webhooks as the platform (and reading never creates one).
 */
export const ShowsCredentials = (): MethodDecorator => SetMetadata(CREDENTIALS_ROUTE, true);

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<Request>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
