import { useEffect, useEffectEvent, useState } from 'react';

/**
 * Reloads a read model until it shows a change just saved: the read models follow the events, so what
 * a command did shows a moment after its answer. While `pending` (the caller's test of the answer it
 * shows), and fewer than `maxReloads` reloads ran since `restart`, each answer is followed `pauseMs`
 * later by `reload()`; never while a reload is under way (`fetching`).
 */
export function useReloadUntilShown({
  pending,
  reload,
  answer,
  fetching = false,
  pauseMs = 300,
  maxReloads = Number.POSITIVE_INFINITY,
}: {
  readonly pending: boolean;
  readonly reload: () => void;
  /** The answer shown: a new one arms the next reload. */
  readonly answer: unknown;
  readonly fetching?: boolean;
  readonly pauseMs?: number;
  readonly maxReloads?: number;
}): { readonly waiting: boolean; readonly restart: () => void } {
  const [reloads, setReloads] = useState(0);
  const waiting = pending && reloads < maxReloads;
  // The caller's latest `reload`, without re-arming the pause each time the caller renders.
  const reloadNow = useEffectEvent(() => {
    setReloads((count) => count + 1);
    reload();
  });
  useEffect(() => {
    if (!waiting || fetching) return undefined;
    const timer = window.setTimeout(() => {
      reloadNow();
    }, pauseMs);
    return () => {
      window.clearTimeout(timer);
    };
  }, [waiting, fetching, answer, reloads, pauseMs]);
  return {
    waiting,
    restart: () => {
      setReloads(0);
    },
  };
}
