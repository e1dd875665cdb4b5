/** Time, as a port: the engine's state machine is tested with a clock the test moves. Epoch milliseconds. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
