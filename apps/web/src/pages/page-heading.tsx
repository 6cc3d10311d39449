import { useEffect, useRef, type ReactNode } from 'react';
import { useMessages } from '../i18n';

/** The console's first page keeps the browser's focus at the document's start (the skip link first). */
let firstPage = true;

/**
 * The page's one h1, focused when a page appears after a navigation: a screen reader announces the
 * new page and the keyboard starts from its top.
 */
export function PageHeading({ children }: { readonly children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { t } = useMessages();
  useEffect(() => {
    if (firstPage) firstPage = false;
    else heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: heading.current?.textContent ?? '' });
  });
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
