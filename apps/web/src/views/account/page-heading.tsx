import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * The history entry the document was loaded with (react-router keeps its key in
 * history.state; the very first entry is 'default'). A heading on that entry is where the
 * visitor arrived: it leaves the focus alone, so the skip link stays first in the tab order.
 */
const loadedKey = (window.history.state as { key?: string } | null)?.key ?? 'default';

/**
 * A page's main heading (h1); it also names the browser tab (WCAG 2.4.2). After a move
 * within the app it takes the focus, so screen readers announce the new page as they
 * would a page load.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    document.title = `${children} – Återgång`;
  }, [children]);
  useEffect(() => {
    if (key !== loadedKey) ref.current?.focus();
  }, [key]);
  return (
    <h1 className="page-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
