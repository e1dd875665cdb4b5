import { SortDirection } from '../shared/sort-direction.types';

/** What a leaf field holds, which decides the JSON type its filter values must have. */
export type IncoplaxValueKind = 'string' | 'boolean' | 'number' | 'datetime';

/** Describes one Incoplax/Era collection: which fields a client may filter, sort and mask by. */
export interface IncoplaxCollectionSchema {
  /**
   * Leaf field paths, dotted for nested fields (`id`, `opts.issync`, `ext.ct`), with their kind.
   * Parents (`opts`, `ext`) are implied by the dots and can be used in `mask` to select a whole sub-object.
   */
  readonly fields: Readonly<Record<string, IncoplaxValueKind>>;
  /**
   * Paths a client may select with `mask` but neither filter nor sort by: values the database cannot
   * compare (secrets sealed at rest) or that are not one value (lists such as `opts.roles`).
   */
  readonly maskOnlyFields?: readonly string[];
  /** Other spellings clients may use for a path, e.g. the seed's `tokenlocal` for `token_local`. */
  readonly aliases?: Readonly<Record<string, string>>;
  /** Page size when the client sends no `limit`. */
  readonly defaultLimit: number;
  /** Largest `limit` a client may ask for. */
  readonly maxLimit: number;
}

/** A filter value after parsing; `datetime` fields hold a `Date`. */
export type IncoplaxScalar = string | number | boolean | Date;

/** One filter condition: the field at `path` equals one of `values` (one value = plain equality). */
export interface IncoplaxCondition {
  readonly path: string;
  readonly kind: IncoplaxValueKind;
  readonly values: readonly IncoplaxScalar[];
}

/** One sort key; earlier items take precedence. */
export interface IncoplaxOrderItem {
  readonly path: string;
  readonly kind: IncoplaxValueKind;
  readonly direction: SortDirection;
}

/** Raw query-string values of a collection GET, as the HTTP layer hands them over. */
export interface IncoplaxRawQuery {
  readonly filter?: unknown;
  readonly mask?: unknown;
  readonly order?: unknown;
  readonly offset?: unknown;
  readonly limit?: unknown;
  readonly flat?: unknown;
}

/** Raw query-string values of a single-item GET. */
export interface IncoplaxRawItemQuery {
  readonly mask?: unknown;
  readonly flat?: unknown;
}

/** The parsed form of the query of a single-item GET. */
export interface IncoplaxItemQuery {
  /** Canonical paths to keep, or `undefined` for the whole entity. */
  readonly mask: readonly string[] | undefined;
  readonly flat: boolean;
}

/** The parsed form of a collection GET; all conditions must hold (AND). */
export interface IncoplaxQuery extends IncoplaxItemQuery {
  readonly filter: readonly IncoplaxCondition[];
  readonly order: readonly IncoplaxOrderItem[];
  readonly offset: number;
  readonly limit: number;
}
