/**
 * Active time, as pure arithmetic: time counts while the window has focus and the person pressed
 * a key or moved or clicked the mouse within the last minute. useActivityTracker feeds it events.
 */

/** After this long without a key or the mouse, time stops counting. */
export const IDLE_AFTER_MS = 60_000;

export interface ActivityClock {
  /** Time (ms, any monotonic clock) up to which activity has been counted. */
  since: number;
  /** When the person last pressed a key or used the mouse; -Infinity before the first time. */
  lastInputAt: number;
  isFocused: boolean;
  /** Active milliseconds counted and not yet sent. */
  pendingMs: number;
}

export const startClock = (now: number, isFocused: boolean): ActivityClock => ({
  since: now,
  lastInputAt: Number.NEGATIVE_INFINITY,
  isFocused,
  pendingMs: 0,
});

/** The clock with the active part of [since, now] counted: the overlap with a minute after the last input. */
export function advance(clock: ActivityClock, now: number): ActivityClock {
  if (now <= clock.since) return clock;
  const activeUntil = clock.lastInputAt + IDLE_AFTER_MS;
  const from = Math.max(clock.since, clock.lastInputAt);
  const to = Math.min(now, activeUntil);
  const gained = clock.isFocused && to > from ? to - from : 0;
  return { ...clock, since: now, pendingMs: clock.pendingMs + gained };
}

/** A key press or a mouse move or click at `now`. */
export const input = (clock: ActivityClock, now: number): ActivityClock => ({
  ...advance(clock, now),
  lastInputAt: now,
});

/** The window gained or lost focus at `now`; time before it counts as it was. */
export const focusChanged = (clock: ActivityClock, now: number, isFocused: boolean): ActivityClock => ({
  ...advance(clock, now),
  isFocused,
});

/** The whole milliseconds counted so far, and the clock with them taken away. */
export function take(clock: ActivityClock, now: number): { ms: number; clock: ActivityClock } {
  const advanced = advance(clock, now);
  const ms = Math.floor(advanced.pendingMs);
  return { ms, clock: { ...advanced, pendingMs: advanced.pendingMs - ms } };
}
