/**
 * What a service started, stopped in reverse order on shutdown: the API first (no new commands),
 * then consumers and the relay (each finishes the run it is applying and stores its checkpoint),
 * then the connections. Nothing in flight is cut, so nothing is lost; at-least-once delivery and the
 * inbox make the next start pick up exactly where this one stopped.
 */
export class Lifecycle {
  private readonly parts: { name: string; stop: () => Promise<void> }[] = [];
  private stopping: Promise<void> | undefined;

  /** Registers something to stop; later registrations stop first. */
  onStop(name: string, stop: () => Promise<void>): void {
    if (this.stopping) throw new Error(`Cannot register ${name}: the service is stopping`);
    this.parts.push({ name, stop });
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Stops everything once (later calls wait for the same stop); a part that fails does not keep the rest running. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const failures: string[] = [];
      for (const part of [...this.parts].reverse()) {
        try {
          await part.stop();
        } catch (error) {
          failures.push(`${part.name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (failures.length > 0) throw new Error(`Shutdown finished with failures: ${failures.join('; ')}`);
    })();
    return this.stopping;
  }
}

/** SIGTERM / SIGINT stop the lifecycle, then the process exits (1 if stopping failed). */
export function stopOnSignals(
  lifecycle: Lifecycle,
  options: {
    signals?: readonly NodeJS.Signals[];
    exit?: (code: number) => void;
    onError?: (error: unknown) => void;
  } = {},
): () => void {
  const exit =
    options.exit ??
    ((code: number) => {
      process.exit(code);
    });
  const handler = () => {
    lifecycle.stop().then(
      () => {
        exit(0);
      },
      (error: unknown) => {
        options.onError?.(error);
        exit(1);
      },
    );
  };
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  for (const signal of signals) process.once(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
