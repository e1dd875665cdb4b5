/**
 * A DocStudio envelope callback filter as stored and as the API shows it: every part optional; unset
 * parts are `undefined` or `null`. Dates are ISO 8601 strings or UNIX milliseconds.
 */
export interface EnvelopeFilterSpec {
  label?: readonly string[] | null;
  status?: readonly string[] | null;
  subject?: string | null;
  receiveDateFrom?: string | number | null;
  receiveDateTo?: string | number | null;
  expireDateFrom?: string | number | null;
  expireDateTo?: string | number | null;
  template?: readonly string[] | null;
  sender?: readonly string[] | null;
  scope?: readonly string[] | null;
}

/**
 * A filter ready for matching: case folded once, dates as epoch ms, any-of parts as sets. A `null` part
 * is not set and matches every envelope (an empty list or an empty subject counts as not set).
 */
export interface CompiledEnvelopeFilter {
  readonly label: ReadonlySet<string> | null;
  /** Upper case. */
  readonly status: ReadonlySet<string> | null;
  /** Lower case. */
  readonly subject: string | null;
  readonly receiveDateFrom: number | null;
  readonly receiveDateTo: number | null;
  readonly expireDateFrom: number | null;
  readonly expireDateTo: number | null;
  /** Lower case (UUIDs). */
  readonly template: ReadonlySet<string> | null;
  /** Lower case (UUIDs). */
  readonly sender: ReadonlySet<string> | null;
  /** Lower case. */
  readonly scope: ReadonlySet<string> | null;
}

/** The envelope facts a filter looks at, as an event carries them (dates in epoch ms). */
export interface EnvelopeFacts {
  label: readonly string[];
  status: string;
  subject: string;
  receiveDate: number;
  expireDate: number | null;
  template: string;
  sender: string;
  scope: string;
}

/** EnvelopeFacts case folded once (see prepareEnvelope), so each rule compares without allocating. */
export interface PreparedEnvelope {
  readonly label: readonly string[];
  /** Upper case. */
  readonly status: string;
  /** Lower case. */
  readonly subject: string;
  readonly receiveDate: number;
  readonly expireDate: number | null;
  /** Lower case. */
  readonly template: string;
  /** Lower case. */
  readonly sender: string;
  /** Lower case. */
  readonly scope: string;
}

/**
 * DocStudio FailedEnvelopeCallbackFilterDTO: the envelope's own value of every property the filter
 * rejected (dates in UNIX ms, like the callback payload). `scope` is a Hookrelay addition.
 */
export interface FailedEnvelopeParts {
  labels?: string[];
  status?: string;
  subject?: string;
  receiveDate?: number;
  expireDate?: number | null;
  template?: string;
  sender?: string;
  scope?: string;
}

/** DocStudio EnvelopeCheckResultDTO. */
export interface EnvelopeMatch {
  passed: boolean;
  failed: FailedEnvelopeParts;
}

/** One rule of the filter: does the envelope pass the part of the filter it looks at (true when unset)? */
export type EnvelopeRule = (filter: CompiledEnvelopeFilter, envelope: PreparedEnvelope) => boolean;
