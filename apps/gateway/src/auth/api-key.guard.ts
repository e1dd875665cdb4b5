import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ServiceErrorCode, ServiceException } from '@hookrelay/contracts';
import { TenancyRepository } from '@hookrelay/persistence';
import { hashApiKey } from '@hookrelay/secrets';
import { Request } from 'express';
import { ApiKeyCache } from './api-key-cache';
import { CREDENTIALS_ROUTE, PUBLIC_ROUTE, WRITE_ROUTE } from './principal';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'SEARCH']);

/** Accepts both "Authorization: <key>" (Conpeek) and "Authorization: Bearer <key>" (DocStudio) on every API. */
export function keyFromAuthorization(header: string | undefined): string | null {
  if (!header) return null;
  const value = header.trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(value);
  if (bearer) return bearer[1] ?? null;
  return /^\S+$/.test(value) ? value : null;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly cache = new ApiKeyCache();

  constructor(
    private readonly reflector: Reflector,
    private readonly tenancy: TenancyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const key = keyFromAuthorization(req.headers.authorization);
    if (!key) throw new ServiceException(ServiceErrorCode.Unauthorized, 'missing API key: send "Authorization: <key>" or "Authorization: Bearer <key>"');
    const hash = hashApiKey(key);
    let principal = this.cache.get(hash);
    if (!principal) {
      principal = await this.tenancy.findKeyByHash(hash);
      if (principal) this.cache.set(hash, principal);
    }
    if (!principal) throw new ServiceException(ServiceErrorCode.Unauthorized, 'invalid API key');
    const writes = !READ_METHODS.has(req.method) || this.reflector.get<boolean>(WRITE_ROUTE, context.getHandler()) === true;
    if (writes && principal.role !== 'admin') throw new ServiceException(ServiceErrorCode.Forbidden, 'this API key may only read');
    if (principal.role !== 'admin' && this.reflector.get<boolean>(CREDENTIALS_ROUTE, context.getHandler()) === true) {
      throw new ServiceException(ServiceErrorCode.Forbidden, 'this API key may not read credentials: signing secrets need an admin key');
    }
    req.principal = principal;
    return true;
  }
}
