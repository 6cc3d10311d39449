import { FixedClock, systemClock } from './clock';

describe('Clock', () => {
  it('given a fixed clock, when read, then it answers the instant it was set to, as date, timestamp and day', () => {
    const clock = new FixedClock('2026-12-06T23:30:00.000Z');
    expect(clock.now()).toEqual(new Date('2026-12-06T23:30:00.000Z'));
    expect(clock.timestamp()).toBe('2026-12-06T23:30:00.000Z');
    expect(clock.today()).toBe('2026-12-06');
  });

  it('given a fixed clock, when advanced or set, then it answers the new instant', () => {
    const clock = new FixedClock(new Date('2026-12-06T23:30:00.000Z'));
    clock.advance(60 * 60 * 1000);
    expect(clock.timestamp()).toBe('2026-12-07T00:30:00.000Z');
    expect(clock.today()).toBe('2026-12-07');
    clock.set('2027-01-01T00:00:00.000Z');
    expect(clock.today()).toBe('2027-01-01');
  });

  it('given a fixed clock, when its answer is changed by the caller, then the clock is not', () => {
    const clock = new FixedClock('2026-12-06T00:00:00.000Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.timestamp()).toBe('2026-12-06T00:00:00.000Z');
  });

  it('given the system clock, when read, then it answers the present', () => {
    const before = Date.now();
    const read = systemClock.now().getTime();
    expect(read).toBeGreaterThanOrEqual(before);
    expect(read).toBeLessThanOrEqual(Date.now());
  });
});
