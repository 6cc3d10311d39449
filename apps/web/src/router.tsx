import { useEffect, useState, type MouseEvent, type ReactNode } from 'react';

/** A few routes, on the History API: no router library for three paths. */
export type Route =
  | { readonly name: 'worklist' }
  | { readonly name: 'client'; readonly clientId: string }
  | { readonly name: 'referrals' }
  | { readonly name: 'listings' }
  | { readonly name: 'intake' }
  | { readonly name: 'plan'; readonly clientId: string }
  | { readonly name: 'not-found' };

export function routeOf(path: string): Route {
  if (path === '/' || path === '') return { name: 'worklist' };
  if (path === '/referrals') return { name: 'referrals' };
  if (path === '/listings') return { name: 'listings' };
  if (path === '/intake') return { name: 'intake' };
  const plan = /^\/clients\/([^/]+)\/plan$/.exec(path);
  if (plan?.[1]) return { name: 'plan', clientId: decodeURIComponent(plan[1]) };
  const client = /^\/clients\/([^/]+)$/.exec(path);
  if (client?.[1]) return { name: 'client', clientId: decodeURIComponent(client[1]) };
  return { name: 'not-found' };
}

const NAVIGATED = 'spn:navigated';

export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATED));
}

export function useRoute(): Route {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = () => {
      setPath(window.location.pathname);
    };
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATED, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATED, update);
    };
  }, []);
  return routeOf(path);
}

/** A real link (opens in a new tab, keyboard and screen readers as any link) that navigates in place. */
export function Link({ to, children }: { readonly to: string; readonly children: ReactNode }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick}>
      {children}
    </a>
  );
}
