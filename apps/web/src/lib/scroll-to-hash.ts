import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { requestTitleFocus } from '../components/ui';

/**
 * Brings the element a link's fragment names (`/plan#measure-…`, `/meetings#meeting-…`) into
 * view once the page's data is there, and moves focus to it so a keyboard or screen-reader
 * user lands where the link pointed. A client-side navigation does not do this by itself:
 * the element is not in the document until the page's request has answered.
 */
export function useScrollToHash(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    // Not there (withheld, or gone since the link was made): the view's heading, as for
    // any other move between views.
    if (!target) {
      requestTitleFocus();
      return;
    }
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [hash, ready]);
}
