interface StatusLineProps {
  error: string | null;
  loading?: boolean;
  testId?: string;
}

/** The error of the last request (role="alert": read out at once), or a quiet "loading" note. */
export function StatusLine({ error, loading = false, testId = 'error' }: StatusLineProps) {
  if (error) {
    return (
      <p className="error" role="alert" data-testid={testId}>
        {error}
      </p>
    );
  }
  return loading ? (
    <p className="muted" aria-live="polite">
      Loading…
    </p>
  ) : null;
}
