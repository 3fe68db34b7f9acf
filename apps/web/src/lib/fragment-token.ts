import { useLocation } from 'react-router';

/**
 * The token of an e-mailed link, from the address's fragment (`/arende/svar#<token>`). The
 * fragment never leaves the browser with a request, so the token reaches the API only in the
 * bodies this client sends, never in a server's or a proxy's access log.
 */
export function useFragmentToken(): string {
  const { hash } = useLocation();
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    return decodeURIComponent(raw).trim();
  } catch {
    return raw.trim();
  }
}

/**
 * The login page's address that brings the user back here afterwards: the path in `next`,
 * the fragment kept as the login page's own fragment (login.tsx puts it back), so the token
 * stays out of the query string that a reload would send to the server.
 */
export function loginReturningHere(pathname: string, hash: string): string {
  return `/login?next=${encodeURIComponent(pathname)}${hash}`;
}
