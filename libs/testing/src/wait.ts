/** Polls until `condition` holds: tests count, they do not sleep a guessed time. */
export async function until(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 120_000,
  intervalMs = 100,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The longest piece of the last value a timeout message quotes. */
const QUOTED_CHARS = 2_000;

function describeLast(outcome: { value: unknown } | { error: unknown } | undefined): string {
  if (outcome === undefined) return 'nothing was read';
  if ('error' in outcome) {
    const error = outcome.error;
    return `the last read failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  let text: string;
  try {
    // JSON.stringify answers undefined (typed as string) for undefined and functions.
    const json = JSON.stringify(outcome.value) as string | undefined;
    text = json ?? String(outcome.value);
  } catch {
    text = String(outcome.value);
  }
  if (text.length > QUOTED_CHARS) text = `${text.slice(0, QUOTED_CHARS)}… (${text.length} chars)`;
  return `the last value read: ${text}`;
}

/**
 * Reads until `done` accepts the value, and returns that value. A read that throws is tried again
 * (a read model not there yet). When the time is up it throws, quoting the last value read or the last
 * error, so a check written with `eventually` alone asserts: it cannot pass by running out of time.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
  intervalMs = 25,
): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  let last: { value: T } | { error: unknown } | undefined;
  for (;;) {
    try {
      const value = await read();
      if (done(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() > deadline) {
      throw new Error(
        `eventually: the condition did not hold within ${timeoutMs} ms (${String(done).slice(0, 200)}); ${describeLast(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
