/**
 * The delivery engine's view of one delivery: what to send where, under which policy. Mirrors the stored
 * record (libs/persistence DeliveryEntity) without depending on it, so the core stays framework-free.
 */
export type EnginePolicy =
  | { kind: 'docstudio'; retries: number; timeoutMs: number; successCode: number }
  | {
      kind: 'conpeek';
      retryEnabled: 0 | 1;
      retryConfig: { retry_value: number; max_retries: number; backoff_type: 'constant' | 'linear' | 'multiplier'; backoff_value: number } | null;
      timeoutMs: number;
    }
  | { kind: 'bearer'; timeoutMs: number; maxAttempts: number };

export interface EngineDelivery {
  id: string;
  url: string;
  payload: string;
  headers: Record<string, string>;
  policy: EnginePolicy;
  attempts: number;
  applicationState: 'NEW' | 'RETRY' | 'RECALL' | 'CLOSED';
}
