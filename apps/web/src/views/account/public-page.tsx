import type { ReactNode } from 'react';
import { Header } from '../../app';

/** The frame of a page one reaches from an e-mailed link, signed in or not. */
export function PublicPage({ children }: { children: ReactNode }) {
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1} className="narrow">
        {children}
      </main>
    </>
  );
}
