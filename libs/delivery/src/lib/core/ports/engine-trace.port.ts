/**
 * Where the engine meets tracing, framework-free: the Nest adapter runs each accept in a span and hands
 * the core that span's W3C `traceparent` as a plain string. The core stores it with the rows and gives it
 * to every job it publishes for them (fresh and, later, retries), so all attempts of a delivery join the
 * trace of the request that accepted it. Attempt spans are the adapter's (around the HttpAttempter).
 */
export interface EngineTrace {
  accept<T>(deliveries: number, work: (traceparent: string | null) => Promise<T>): Promise<T>;
}

/** Tracing off: no span, no traceparent. */
export const NO_ENGINE_TRACE: EngineTrace = { accept: (_deliveries, work) => work(null) };
