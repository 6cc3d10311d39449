import { dayOf } from '../domain/decider';

/**
 * Where commands and queries learn what time it is: the one source of "now" for business time (when a
 * command happened, which agreements are in force today). Deciders never read it; their commands carry
 * the instant (`at`), stamped by the handler from this clock, so tests fix it. Timeouts, backoff and
 * latency measurement are not business time and keep reading the system's own clock.
 *
 * An abstract class rather than an interface, so NestJS injects it by type into resolvers.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Now as an ISO 8601 instant, as commands and events carry it. */
  timestamp(): string {
    return this.now().toISOString();
  }

  /** Today's calendar day (UTC, YYYY-MM-DD). */
  today(): string {
    return dayOf(this.now());
  }
}

/** The system's clock: what every service runs with. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export const systemClock: Clock = new SystemClock();

/** A clock that says what it is told: tests pin the time, then move it on. */
export class FixedClock extends Clock {
  private instant: Date;

  constructor(instant: Date | string) {
    super();
    this.instant = new Date(instant);
  }

  now(): Date {
    return new Date(this.instant);
  }

  set(instant: Date | string): void {
    this.instant = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.instant = new Date(this.instant.getTime() + milliseconds);
  }
}
