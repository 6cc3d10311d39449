import type { Lifecycle } from './lifecycle';

export type HealthStatus = 'up' | 'down';

export interface HealthReport {
  readonly status: HealthStatus;
  /** Each check by name; a failed check says why in a code-like word, never with data. */
  readonly checks: Readonly<Record<string, { status: HealthStatus; error?: string }>>;
}

/**
 * Liveness (the process works: restart it if not) and readiness (send it traffic: its store, read
 * models and transport answer, and it is not stopping). Checks run concurrently, each with a timeout.
 */
export class Health {
  private readonly checks = new Map<string, () => Promise<void>>();

  constructor(
    private readonly lifecycle: Lifecycle,
    private readonly timeoutMs = 2000,
  ) {}

  addCheck(name: string, check: () => Promise<void>): void {
    this.checks.set(name, check);
  }

  liveness(): HealthReport {
    return { status: 'up', checks: {} };
  }

  async readiness(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.run(check)] as const),
    );
    if (this.lifecycle.isStopping) entries.push(['lifecycle', { status: 'down', error: 'stopping' }]);
    const status = entries.every(([, result]) => result.status === 'up') ? 'up' : 'down';
    return { status, checks: Object.fromEntries(entries) };
  }

  private async run(check: () => Promise<void>): Promise<{ status: HealthStatus; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error('timeout'));
      }, this.timeoutMs);
    });
    try {
      await Promise.race([check(), timeout]);
      return { status: 'up' };
    } catch (error) {
      // The error's name only: messages of drivers can carry connection strings or data.
      return {
        status: 'down',
        error: error instanceof Error && error.message === 'timeout' ? 'timeout' : errorName(error),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

const errorName = (error: unknown): string => (error instanceof Error ? error.name : 'error');
