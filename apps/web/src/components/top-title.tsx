import { useEffect, useRef } from 'react';

/**
 * The heading of a page outside a case (a case's views have PageTitle under the patient's
 * name): it names the browser tab (WCAG 2.4.2) and takes the focus when the page opens, so a
 * screen reader announces where a link or a redirect has brought the user.
 */
export function TopTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} – Återgång`;
  }, [children]);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <h1 className="page-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
