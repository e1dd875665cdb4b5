/** Reflector key under which an accept endpoint keeps its event counter (see AcceptsEvents). */
export const ACCEPTS_EVENTS = 'hookrelay:accepts-events';
