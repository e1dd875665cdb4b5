import { IsIn, IsOptional } from 'class-validator';

/** The role of the API key a request came with (the gateway resolves it with the tenant). */
export const VIEWER_ROLES = ['admin', 'read'] as const;
export type ViewerRole = (typeof VIEWER_ROLES)[number];

/**
 * Whether the caller may see stored credentials (tokens, auth-like custom header values): only admin keys.
 * A command without a role (an older gateway during a rolling deploy) is treated as read: masked, never
 * leaked.
 */
export function canSeeCredentials(role: ViewerRole | undefined): boolean {
  return role === 'admin';
}

/**
 * The `viewerRole` field of a command whose reply shows credentials: the owning service masks them unless
 * the caller holds an admin key. Optional on the wire so an older gateway's commands still validate.
 */
export function IsViewerRole(): PropertyDecorator {
  const optional = IsOptional();
  const known = IsIn(VIEWER_ROLES, { message: `viewerRole must be one of ${VIEWER_ROLES.join(', ')}` });
  return (target, property) => {
    optional(target, property);
    known(target, property);
  };
}
