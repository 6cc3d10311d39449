/** How far a rebuild is: reported after each page of the log. */
export interface RebuildProgress {
  readonly projection: string;
  /** Events of the log read so far (every event, whether the projection follows its topic or not). */
  readonly eventsDone: number;
  /** Events in the log when the rebuild started (it may grow meanwhile: done can pass it). */
  readonly eventsTotal: number;
  /** Of those read, how many the projection applied. */
  readonly applied: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  readonly finished: boolean;
}

export interface ProgressPrinterOptions {
  /** Where to write; default process.stdout. */
  readonly out?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Not a terminal: a line at most this often (and at the end). Default 5 s. */
  readonly intervalMs?: number;
}

const formatLine = (progress: RebuildProgress): string => {
  const percent =
    progress.eventsTotal > 0 ? Math.min(100, (100 * progress.eventsDone) / progress.eventsTotal) : 100;
  return (
    `${progress.projection}: ${progress.eventsDone.toLocaleString('en')}/${progress.eventsTotal.toLocaleString('en')} events` +
    ` (${percent.toFixed(1)}%), ${Math.round(progress.eventsPerSecond).toLocaleString('en')} events/s,` +
    ` ${progress.applied.toLocaleString('en')} applied${progress.finished ? ', done' : ''}`
  );
};

/**
 * A progress callback for a terminal: on a TTY one line rewritten in place; otherwise (a log file, CI)
 * a plain line every `intervalMs`, so logs stay readable.
 */
export function progressPrinter(options: ProgressPrinterOptions = {}): (progress: RebuildProgress) => void {
  const out = options.out ?? process.stdout;
  const intervalMs = options.intervalMs ?? 5000;
  let lastPrinted = -Infinity;
  return (progress) => {
    if (out.isTTY) {
      out.write(`\r\x1b[2K${formatLine(progress)}${progress.finished ? '\n' : ''}`);
      return;
    }
    if (progress.finished || progress.elapsedMs - lastPrinted >= intervalMs) {
      lastPrinted = progress.elapsedMs;
      out.write(`${formatLine(progress)}\n`);
    }
  };
}
