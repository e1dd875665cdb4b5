import { SortDirection } from '../shared/sort-direction.types';

/** How a filterable property is typed, which decides its accepted values and operators. */
export type ConpeekPropertySpec =
  /** Equality/membership against a fixed, case-sensitive value list. */
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** `YYYY-MM-DD HH:mm:ss` (UTC) or ISO 8601, standing for its whole second; takes `gt|gte|lt|lte`. */
  | { readonly kind: 'datetime' }
  /** A JSON number; takes `gt|gte|lt|lte`. */
  | { readonly kind: 'number' }
  /** Any string; equality/membership only. */
  | { readonly kind: 'string' };

/** Describes one Conpeek-style list endpoint. */
export interface ConpeekQuerySchema {
  /** Properties a `filter` item may name. */
  readonly filterable: Readonly<Record<string, ConpeekPropertySpec>>;
  /** Fields `sort` may name. */
  readonly sortable: readonly string[];
  /** Page size when the client sends no `limit` (Conpeek documents 1000). */
  readonly defaultLimit: number;
  /** Largest `limit` a client may ask for. */
  readonly maxLimit: number;
}

/** The comparison operators Conpeek documents; equality and membership have no operator on the wire. */
export type ConpeekOperator = 'gt' | 'gte' | 'lt' | 'lte';

/**
 * A `datetime` filter value: the whole period its text names, half-open (`from` ≤ t < `until`). Conpeek
 * prints whole seconds, so `"2026-11-29 18:48:21"` is that second: `lte` includes a record created at
 * 18:48:21.700 and `gt` excludes it. A minute, a day or a millisecond when the text is written so.
 */
export interface ConpeekDateSpan {
  readonly from: Date;
  readonly until: Date;
}

/** A filter value after parsing; `datetime` properties hold a `ConpeekDateSpan`. */
export type ConpeekScalar = string | number | ConpeekDateSpan;

/** One condition; all conditions of a filter must hold (AND), several may name one property (ranges). */
export type ConpeekCondition =
  | { readonly property: string; readonly op: 'eq'; readonly value: ConpeekScalar }
  | { readonly property: string; readonly op: 'in'; readonly value: readonly ConpeekScalar[] }
  | { readonly property: string; readonly op: ConpeekOperator; readonly value: ConpeekDateSpan | number };

export interface ConpeekSort {
  readonly field: string;
  readonly direction: SortDirection;
}

/** Raw query-string values of `GET /callback`, as the HTTP layer hands them over. */
export interface ConpeekRawQuery {
  readonly limit?: unknown;
  readonly offset?: unknown;
  readonly sort?: unknown;
  readonly dir?: unknown;
  readonly filter?: unknown;
}

/** The parsed query; no `sort` means the repository's default order. */
export interface ConpeekCallbackQuery {
  readonly limit: number;
  readonly offset: number;
  readonly sort?: ConpeekSort;
  readonly conditions: readonly ConpeekCondition[];
}
