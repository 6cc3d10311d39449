import type { OutgoingMessage, TransactionalPublisher } from '../lib/transport.port';

type Hook<Args extends unknown[] = []> = (...args: Args) => void | Promise<void>;

/**
 * What {@link observeTransactional} calls before and after each call it forwards, each awaited; an
 * `after` hook runs only once the call succeeded.
 */
export interface TransactionalHooks {
  /** Plain publishes (`inTransaction` false) and those within a transaction alike. */
  readonly beforePublish?: Hook<[messages: readonly OutgoingMessage[], inTransaction: boolean]>;
  readonly afterPublish?: Hook<[messages: readonly OutgoingMessage[], inTransaction: boolean]>;
  readonly beforeOpen?: Hook;
  readonly afterOpen?: Hook;
  readonly beforeBegin?: Hook;
  readonly afterBegin?: Hook;
  /** `sent`: what the transaction's publishes carried so far, in order. */
  readonly beforeCommit?: Hook<[sent: readonly OutgoingMessage[]]>;
  readonly afterCommit?: Hook<[sent: readonly OutgoingMessage[]]>;
  readonly beforeAbort?: Hook;
  readonly afterAbort?: Hook;
  readonly beforeClose?: Hook;
  readonly afterClose?: Hook;
}

/** The publisher, forwarding every call to `inner` and letting a test watch (or hold) each one. */
export function observeTransactional(
  inner: TransactionalPublisher,
  hooks: TransactionalHooks,
): TransactionalPublisher {
  return {
    publish: async (messages) => {
      await hooks.beforePublish?.(messages, false);
      await inner.publish(messages);
      await hooks.afterPublish?.(messages, false);
    },
    fencedPublisher: (name) => {
      const fenced = inner.fencedPublisher(name);
      return {
        open: async () => {
          await hooks.beforeOpen?.();
          await fenced.open();
          await hooks.afterOpen?.();
        },
        begin: async () => {
          await hooks.beforeBegin?.();
          const transaction = await fenced.begin();
          await hooks.afterBegin?.();
          const sent: OutgoingMessage[] = [];
          return {
            publish: async (messages) => {
              await hooks.beforePublish?.(messages, true);
              await transaction.publish(messages);
              sent.push(...messages);
              await hooks.afterPublish?.(messages, true);
            },
            commit: async () => {
              await hooks.beforeCommit?.(sent);
              await transaction.commit();
              await hooks.afterCommit?.(sent);
            },
            abort: async () => {
              await hooks.beforeAbort?.();
              await transaction.abort();
              await hooks.afterAbort?.();
            },
          };
        },
        close: async () => {
          await hooks.beforeClose?.();
          await fenced.close();
          await hooks.afterClose?.();
        },
      };
    },
  };
}
