import { eventually, until } from './wait';

describe('eventually', () => {
  it('returns the first value the condition accepts', async () => {
    let reads = 0;
    const value = await eventually(
      () => Promise.resolve((reads += 1)),
      (n) => n === 3,
      1_000,
      1,
    );
    expect(value).toBe(3);
    expect(reads).toBe(3);
  });

  it('throws on timeout, quoting the last value read', async () => {
    await expect(
      eventually(
        () => Promise.resolve({ caseload: ['ada'] }),
        (answer) => answer.caseload.length === 2,
        50,
        5,
      ),
    ).rejects.toThrow(/did not hold within 50 ms.*the last value read: \{"caseload":\["ada"\]\}/s);
  });

  it('tries a failing read again, and on timeout names its last error', async () => {
    let reads = 0;
    const recovered = await eventually(
      () => {
        reads += 1;
        return reads < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve('there');
      },
      (value) => value === 'there',
      1_000,
      1,
    );
    expect(recovered).toBe('there');
    await expect(
      eventually(
        () => Promise.reject(new Error('connection refused')),
        () => true,
        30,
        5,
      ),
    ).rejects.toThrow(/the last read failed: Error: connection refused/);
  });

  it('shortens a long last value', async () => {
    const error = await eventually(
      () => Promise.resolve('x'.repeat(10_000)),
      () => false,
      10,
      5,
    ).catch((e: unknown) => e as Error);
    expect((error as Error).message.length).toBeLessThan(2_500);
    expect((error as Error).message).toContain('(10002 chars)');
  });
});

describe('until', () => {
  it('throws naming what it waited for', async () => {
    await expect(until(() => Promise.resolve(false), 'the moon', 20, 5)).rejects.toThrow(
      'Timed out waiting for the moon',
    );
  });
});
