import { useState, type FormEvent } from 'react';
import { consoleApi } from '../api/console-api';
import type { Whoami } from '../api/console-api.types';

interface SignInPageProps {
  /** Why the console came back here (a revoked key), shown above the form. */
  notice: string | null;
  onSignedIn: (key: string, whoami: Whoami) => void;
}

export function SignInPage({ notice, onSignedIn }: SignInPageProps) {
  const [key, setKey] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const candidate = key.trim();
    if (!candidate) return;
    setState({ busy: true, error: null });
    consoleApi.whoami(candidate).then(
      (whoami) => onSignedIn(candidate, whoami),
      (error: unknown) => setState({ busy: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <main className="sign-in" data-testid="page-sign-in">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Hookrelay console</h1>
        {notice && !state.error && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <label className="field">
          <span>API key</span>
          <input
            type="password"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            required
            value={key}
            onChange={(e) => setKey(e.target.value)}
            data-testid="api-key"
            aria-describedby="key-help"
          />
        </label>
        <p id="key-help" className="muted small">
          Kept in this tab only (sessionStorage). A read key shows everything it may read; an admin key can also act.
        </p>
        {state.error && (
          <p className="error" role="alert" data-testid="sign-in-error">
            Sign-in refused: {state.error}
          </p>
        )}
        <button type="submit" disabled={state.busy} data-testid="sign-in">
          {state.busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
