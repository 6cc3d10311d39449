import { deepStrictEqual } from 'node:assert/strict';
import { DomainError, fold, type Decider, type DomainEvent } from './decider';

/**
 * Given / when / then for a decider, with no mocks (Emmett's DeciderSpecification):
 * `spec.given([referred]).when(recordConsent).then([consentRecorded])`, or `.thenRefuses('CODE')`.
 * Plain assertions, so it works in any test runner.
 */
export function deciderSpecification<TCommand, TEvent extends DomainEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
) {
  return {
    given: (history: readonly TEvent[]) => ({
      when: (command: TCommand) => {
        const run = () => decider.decide(command, fold(decider, history));
        return {
          then: (expected: readonly TEvent[]) => {
            deepStrictEqual(run(), expected);
          },
          /** What it decided, for a test that asserts on part of it (a computed score, say). */
          events: (): readonly TEvent[] => run(),
          thenRefuses: (code: string, field?: string): DomainError => {
            let refused: unknown;
            try {
              const events = run();
              throw new Error(
                `expected ${code}, but it decided ${JSON.stringify(events.map((e) => e.type))}`,
              );
            } catch (error) {
              refused = error;
            }
            if (!(refused instanceof DomainError)) throw refused;
            deepStrictEqual({ code: refused.code, field: refused.field }, { code, field });
            return refused;
          },
        };
      },
    }),
  };
}

/**
 * Every event a decider decides for commands played in order on one stream, each on the state the
 * events before it left: a story that reaches each event a producer's contract test checks.
 */
export function eventsOfStory<TCommand, TEvent extends DomainEvent, TState>(
  decider: Decider<TCommand, TEvent, TState>,
  commands: readonly TCommand[],
): TEvent[] {
  const events: TEvent[] = [];
  for (const command of commands) events.push(...decider.decide(command, fold(decider, events)));
  return events;
}
