interface BadgeProps {
  tone: 'ok' | 'warn' | 'bad' | 'muted';
  children: string;
  testId?: string;
}

export function Badge({ tone, children, testId }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

/** The tone of a delivery's state: delivered green, exhausted/disabled red, still trying amber. */
export function deliveryTone(state: string, closeReason: string | null): BadgeProps['tone'] {
  if (state !== 'CLOSED') return 'warn';
  if (closeReason === 'DELIVERED') return 'ok';
  if (closeReason === 'CANCELLED') return 'muted';
  return 'bad';
}
