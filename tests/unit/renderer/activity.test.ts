import { describe, expect, it } from 'vitest';
import {
  IDLE_AFTER_MS,
  advance,
  focusChanged,
  input,
  startClock,
  take,
} from '../../../renderer/features/stats/activity';

describe('activity', () => {
  it('counts nothing before the first key or mouse event', () => {
    expect(advance(startClock(0, true), 30_000).pendingMs).toBe(0);
  });

  it('counts time up to a minute after the last input while focused', () => {
    let clock = input(startClock(0, true), 1_000);
    clock = advance(clock, 31_000);
    expect(clock.pendingMs).toBe(30_000);
    clock = advance(clock, 200_000);
    expect(clock.pendingMs).toBe(IDLE_AFTER_MS);
  });

  it('keeps counting while inputs come within the minute', () => {
    let clock = startClock(0, true);
    for (let t = 0; t <= 300_000; t += 50_000) clock = input(clock, t);
    expect(advance(clock, 300_000).pendingMs).toBe(300_000);
  });

  it('counts nothing while the window has no focus', () => {
    let clock = input(startClock(0, true), 0);
    clock = focusChanged(clock, 10_000, false);
    clock = input(clock, 20_000);
    clock = focusChanged(clock, 40_000, true);
    clock = advance(clock, 45_000);
    expect(clock.pendingMs).toBe(10_000 + 5_000);
  });

  it('hands over whole milliseconds and keeps the rest', () => {
    const clock = advance(input(startClock(0, true), 0.25), 1_000.75);
    const { ms, clock: rest } = take(clock, 1_000.75);
    expect(ms).toBe(1_000);
    expect(rest.pendingMs).toBeCloseTo(0.5);
    expect(take(rest, 1_000.75).ms).toBe(0);
  });

  it('ignores a clock that goes backwards', () => {
    const clock = input(startClock(10_000, true), 10_000);
    expect(advance(clock, 5_000)).toBe(clock);
  });
});
