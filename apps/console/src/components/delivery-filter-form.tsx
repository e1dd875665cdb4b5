import { useState, type FormEvent } from 'react';
import { APPLICATION_STATES, CLOSE_REASONS, SOURCES, STATES, type DeliveryFilter } from '../api/console-api.types';
import { isoFromLocalInput, localInputFromIso } from '../lib/delivery-query.util';

interface DeliveryFilterFormProps {
  initial: DeliveryFilter;
  /** Show the exact-id search (the log has it; a bulk replay does not). */
  withId: boolean;
  submitLabel: string;
  submitTestId: string;
  disabled?: boolean;
  onSubmit: (filter: DeliveryFilter) => void;
}

const choice = (values: readonly string[]) => ['', ...values];

/** The delivery filter: the query parameters of GET /hookrelay/v1/deliveries (and the body of a bulk replay). */
export function DeliveryFilterForm({ initial, withId, submitLabel, submitTestId, disabled = false, onSubmit }: DeliveryFilterFormProps) {
  const [draft, setDraft] = useState<Record<string, string>>(() => ({
    ...(initial as Record<string, string>),
    created_from: localInputFromIso(initial.created_from),
    created_to: localInputFromIso(initial.created_to),
  }));
  const set = (name: string, value: string): void => setDraft((d) => ({ ...d, [name]: value }));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const filter: Record<string, string> = {};
    for (const [name, value] of Object.entries(draft)) {
      const v = name === 'created_from' || name === 'created_to' ? isoFromLocalInput(value) : value.trim();
      if (v && (withId || name !== 'id')) filter[name] = v;
    }
    onSubmit(filter as DeliveryFilter);
  };
  const select = (name: keyof DeliveryFilter, label: string, values: readonly string[]) => (
    <label className="field">
      <span>{label}</span>
      <select name={name} value={draft[name] ?? ''} onChange={(e) => set(name, e.target.value)} data-testid={`filter-${name}`}>
        {choice(values).map((v) => (
          <option key={v} value={v}>
            {v || 'any'}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (name: keyof DeliveryFilter, label: string, type: 'text' | 'datetime-local' = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input name={name} type={type} value={draft[name] ?? ''} onChange={(e) => set(name, e.target.value)} data-testid={`filter-${name}`} spellCheck={false} />
    </label>
  );
  return (
    <form className="filters" onSubmit={submit} data-testid={withId ? 'delivery-filters' : 'replay-filters'}>
      {withId && text('id', 'Delivery id')}
      {text('subscription_id', 'Subscription id')}
      {select('source', 'Source', SOURCES)}
      {select('state', 'State', STATES)}
      {select('application_state', 'Application state', APPLICATION_STATES)}
      {select('close_reason', 'Close reason', CLOSE_REASONS)}
      {text('created_from', 'Created from (UTC)', 'datetime-local')}
      {text('created_to', 'Created to (UTC)', 'datetime-local')}
      <div className="field field-actions">
        <button type="submit" disabled={disabled} data-testid={submitTestId}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
