/** One answer that was not a 2xx (a status, or "timeout"/"error" when none came), before the client retried. */
export interface RefusedAnswer {
  readonly uid: string;
  readonly gateway: number;
  readonly answer: number | 'timeout' | 'error';
  readonly at: number;
}

/** An event the platform accepted (2xx), possibly after retries. */
export interface AcceptedEvent {
  readonly uid: string;
  /** The event id from the answer: the webhook-id its deliveries carry. */
  readonly id: string;
  readonly acceptedAt: number;
  /** When the request that got the 2xx was sent. */
  readonly sentAt: number;
  /** How many answers before the 2xx were refusals (0: the first try was accepted). */
  readonly refusalsBefore: number;
}

export interface FailoverLoadOptions {
  readonly baseUrls: readonly string[];
  readonly auth: string;
  readonly path: string;
  /** Requests per second over all clients. */
  readonly ratePerSecond: number;
  /** Each request's own time limit; a request over it counts as refused and is retried. */
  readonly requestTimeoutMs: number;
  /** A request still refused after this long is given up (reported as never accepted). */
  readonly giveUpAfterMs: number;
  /** The uid prefix, so each run's events are told apart. */
  readonly label: string;
}

/**
 * Clients posting events at a steady rate, each with a unique uid in its data and that uid as its
 * Idempotency-Key. Every client talks to one gateway; on an error, a non-2xx or a timeout it retries
 * the SAME request (same body, same key) against the next gateway and stays there, like a client with
 * a list of addresses.
 */
export class FailoverLoadClient {
  readonly accepted: AcceptedEvent[] = [];
  readonly refused: RefusedAnswer[] = [];
  readonly givenUp: string[] = [];
  private readonly preferred: number[];
  private readonly inFlight = new Set<Promise<void>>();
  private sent = 0;
  private stopping = false;
  private ticker: Promise<void> | undefined;

  constructor(private readonly options: FailoverLoadOptions) {
    // Ten clients spread over the gateways: a kill hits the clients of one, the others go on untouched.
    this.preferred = Array.from({ length: 10 }, (_, i) => i % options.baseUrls.length);
  }

  start(): void {
    const startedAt = Date.now();
    const interval = 1000 / this.options.ratePerSecond;
    this.ticker = (async () => {
      while (!this.stopping) {
        // Catch up after a late timer so the rate stays steady under CPU contention.
        while (this.sent * interval <= Date.now() - startedAt) this.track(this.send(this.sent++));
        await new Promise((r) => setTimeout(r, Math.max(1, Math.floor(interval))));
      }
    })();
  }

  /** Stops sending and waits for every request in flight (retries included) to settle. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.ticker;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  get sentCount(): number {
    return this.sent;
  }

  private track(request: Promise<void>): void {
    this.inFlight.add(request);
    void request.finally(() => this.inFlight.delete(request));
  }

  private async send(n: number): Promise<void> {
    const uid = `${this.options.label}-${n}`;
    const client = n % this.preferred.length;
    const body = JSON.stringify({ event_name: 'failover.test', event_type: 'test', data: { uid } });
    const firstTry = Date.now();
    let refusals = 0;
    for (;;) {
      const gateway = this.preferred[client]!;
      const sentAt = Date.now();
      const answer = await this.post(this.options.baseUrls[gateway]!, uid, body);
      if (typeof answer === 'object') {
        this.accepted.push({ uid, id: answer.id, acceptedAt: Date.now(), sentAt, refusalsBefore: refusals });
        return;
      }
      this.refused.push({ uid, gateway, answer, at: Date.now() });
      refusals += 1;
      if (Date.now() - firstTry > this.options.giveUpAfterMs) {
        this.givenUp.push(uid);
        return;
      }
      this.preferred[client] = (gateway + 1) % this.options.baseUrls.length;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The accepted event's id, or what came instead. */
  private async post(baseUrl: string, uid: string, body: string): Promise<{ id: string } | number | 'timeout' | 'error'> {
    try {
      const res = await fetch(`${baseUrl}${this.options.path}`, {
        method: 'POST',
        headers: { authorization: this.options.auth, 'content-type': 'application/json', 'idempotency-key': uid },
        body,
        signal: AbortSignal.timeout(this.options.requestTimeoutMs),
      });
      const text = await res.text();
      if (res.status < 200 || res.status > 299) return res.status;
      return { id: (JSON.parse(text) as { data: { id: string } }).data.id };
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'error';
    }
  }
}
