import { ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as BIGINT milliseconds since the epoch: the same column type, comparison and
 * index behaviour on SQLite and PostgreSQL, no time-zone conversion by either driver. (pg returns
 * BIGINT as a string; SQLite as a number: both come back as a Date.)
 */
export const epochMs: ValueTransformer = {
  to: (value: Date | null | undefined): number | null | undefined => (value instanceof Date ? value.getTime() : value),
  from: (value: string | number | null): Date | null => (value === null || value === undefined ? null : new Date(Number(value))),
};
