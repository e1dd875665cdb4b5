import { TableColumnOptions } from 'typeorm';

/**
 * Column builders for migrations that run unchanged on SQLite and PostgreSQL: varchar/text/integer/
 * bigint/boolean only (no PG enums, no jsonb, timestamps as BIGINT epoch ms).
 */
export const col = {
  id: (name = 'id', length = 36): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isPrimary: true }),
  varchar: (name: string, length: number, opts: { nullable?: boolean; default?: string } = {}): TableColumnOptions => ({
    name, type: 'varchar', length: String(length), isNullable: opts.nullable ?? false,
    ...(opts.default !== undefined ? { default: `'${opts.default.replace(/'/g, "''")}'` } : {}),
  }),
  text: (name: string, opts: { nullable?: boolean; default?: string } = {}): TableColumnOptions => ({
    name, type: 'text', isNullable: opts.nullable ?? false,
    ...(opts.default !== undefined ? { default: `'${opts.default.replace(/'/g, "''")}'` } : {}),
  }),
  integer: (name: string, opts: { nullable?: boolean; primary?: boolean } = {}): TableColumnOptions => ({
    name, type: 'integer', isNullable: opts.nullable ?? false, isPrimary: opts.primary ?? false,
  }),
  boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, default: defaultValue }),
  epochMs: (name: string, opts: { nullable?: boolean } = {}): TableColumnOptions => ({ name, type: 'bigint', isNullable: opts.nullable ?? false }),
};
