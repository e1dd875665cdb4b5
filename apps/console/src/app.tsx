import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from './api/api-error';
import { consoleApi } from './api/console-api';
import type { Whoami } from './api/console-api.types';
import { Link, navigate, useLocation } from './components/router';
import { SessionContext, type Session } from './components/session';
import { DeliveriesPage } from './pages/deliveries.page';
import { DeliveryDetailPage } from './pages/delivery-detail.page';
import { EventsPage } from './pages/events.page';
import { OverviewPage } from './pages/overview.page';
import { ReplaysPage } from './pages/replays.page';
import { SignInPage } from './pages/sign-in.page';
import { SubscriptionsPage } from './pages/subscriptions.page';
import { consolePath, matchRoute, type Route } from './lib/route.util';
import { forgetApiKey, readApiKey, storeApiKey } from './lib/session.util';

const NAV: { page: Route['page']; path: string; label: string }[] = [
  { page: 'overview', path: '/', label: 'Overview' },
  { page: 'deliveries', path: '/deliveries', label: 'Deliveries' },
  { page: 'subscriptions', path: '/subscriptions', label: 'Subscriptions' },
  { page: 'replays', path: '/replays', label: 'Replays' },
  { page: 'events', path: '/events', label: 'Events' },
];

type Auth = { status: 'checking' } | { status: 'signed-out'; notice: string | null } | { status: 'signed-in'; whoami: Whoami };

export function App() {
  const { pathname } = useLocation();
  const route = matchRoute(pathname);
  const [auth, setAuth] = useState<Auth>(() => (readApiKey() ? { status: 'checking' } : { status: 'signed-out', notice: null }));

  const signOut = useCallback((notice?: string) => {
    forgetApiKey();
    setAuth({ status: 'signed-out', notice: notice ?? null });
  }, []);

  // A key kept from earlier in this tab is checked again: it may have been revoked since.
  useEffect(() => {
    if (auth.status !== 'checking') return;
    consoleApi.whoami().then(
      (whoami) => setAuth({ status: 'signed-in', whoami }),
      (error: unknown) => signOut(error instanceof ApiError && error.status === 401 ? `Signed out: ${error.message}` : `Could not check the key: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, [auth.status, signOut]);

  const session = useMemo<Session | null>(
    () =>
      auth.status === 'signed-in'
        ? { whoami: auth.whoami, canAct: auth.whoami.role === 'admin', signOut, expired: () => signOut('The API key is no longer valid: sign in again.') }
        : null,
    [auth, signOut],
  );

  if (auth.status === 'checking') return <p className="muted center">Checking the API key…</p>;
  if (!session) {
    return (
      <SignInPage
        notice={auth.status === 'signed-out' ? auth.notice : null}
        onSignedIn={(key, whoami) => {
          storeApiKey(key);
          setAuth({ status: 'signed-in', whoami });
          if (route.page === 'sign-in' || route.page === 'not-found') navigate(consolePath('/'), { replace: true });
        }}
      />
    );
  }

  const current = route.page === 'delivery' ? 'deliveries' : route.page;
  return (
    <SessionContext.Provider value={session}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Hookrelay</span>
        <nav aria-label="Console">
          <ul>
            {NAV.map((item) => (
              <li key={item.page}>
                <Link to={consolePath(item.path)} aria-current={current === item.page ? 'page' : undefined} data-testid={`nav-${item.page}`}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who" data-testid="whoami">
          <span>{session.whoami.tenant_name}</span>{' '}
          <span className={`badge badge-${session.canAct ? 'ok' : 'muted'}`} data-testid="role">
            {session.whoami.role}
          </span>
          <button type="button" className="link-button" onClick={() => signOut()} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </SessionContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'overview':
    case 'sign-in':
      return <OverviewPage />;
    case 'deliveries':
      return <DeliveriesPage />;
    case 'delivery':
      return <DeliveryDetailPage id={route.id} />;
    case 'subscriptions':
      return <SubscriptionsPage />;
    case 'replays':
      return <ReplaysPage />;
    case 'events':
      return <EventsPage />;
    case 'not-found':
      return (
        <section data-testid="page-not-found">
          <h1>Not found</h1>
          <p>
            <Link to={consolePath('/')}>Back to the overview</Link>
          </p>
        </section>
      );
  }
}
