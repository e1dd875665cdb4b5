import { createContext, useContext } from 'react';
import type { Whoami } from '../api/console-api.types';

export interface Session {
  whoami: Whoami;
  /** An admin key may act (replay, pause/resume, rotate, bulk replay, operational webhook); a read key only looks. */
  canAct: boolean;
  signOut: (message?: string) => void;
  /** What a page calls on a 401: the key was revoked or expired while the console was open. */
  expired: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
