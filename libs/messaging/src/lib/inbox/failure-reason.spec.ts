import { failureReason } from './failure-reason';

describe('the reason a dead letter keeps', () => {
  it('keeps an error of our own as it is: its class and message, naming fields', () => {
    expect(failureReason(new Error('cannot project this'))).toBe('Error: cannot project this');
    expect(failureReason('a string thrown')).toBe('non-error thrown');
  });

  it("replaces the values PostgreSQL and JSON quote, and keeps the error's code", () => {
    const pg = Object.assign(new Error('date/time field value out of range: "1944-02-30"'), {
      name: 'DatabaseError',
      code: '22008',
    });
    expect(failureReason(pg)).toBe('DatabaseError [22008]: date/time field value out of range: <value>');
    let parse: unknown;
    try {
      JSON.parse('Isolde Quorvath');
    } catch (error) {
      parse = error;
    }
    const reason = failureReason(parse);
    expect(reason).toMatch(/^SyntaxError: /);
    expect(reason).not.toMatch(/Isolde|Quorvath/);
  });

  it('is at most 2000 characters', () => {
    expect(failureReason(new Error('x'.repeat(5000)))).toHaveLength(2000);
  });
});
