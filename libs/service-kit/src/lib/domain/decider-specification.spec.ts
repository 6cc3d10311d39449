import { tally } from '../../test/tally';
import { deciderSpecification } from './decider-specification';

const spec = deciderSpecification(tally);
const opened = { type: 'tests.TallyOpened', data: { limit: 10 } } as const;

describe('decider specification (given / when / then)', () => {
  it('passes when the decider decides the expected events', () => {
    expect(() => {
      spec
        .given([opened])
        .when({ kind: 'add', amount: 4 })
        .then([{ type: 'tests.TallyAdded', data: { amount: 4 } }]);
    }).not.toThrow();
  });

  it('fails when it decides other events', () => {
    expect(() => {
      spec
        .given([opened])
        .when({ kind: 'add', amount: 4 })
        .then([{ type: 'tests.TallyAdded', data: { amount: 5 } }]);
    }).toThrow();
  });

  it('checks a refusal by code and field', () => {
    const refused = spec
      .given([opened, { type: 'tests.TallyAdded', data: { amount: 8 } }])
      .when({ kind: 'add', amount: 3 })
      .thenRefuses('OVER_LIMIT', 'amount');
    expect(refused.name).toBe('TallyError');
  });

  it('fails a refusal check when the decider accepts', () => {
    expect(() => spec.given([opened]).when({ kind: 'add', amount: 1 }).thenRefuses('OVER_LIMIT')).toThrow(
      /expected OVER_LIMIT/,
    );
  });
});
