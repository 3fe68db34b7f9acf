import { useEffect, useState } from 'react';

type ServiceState = 'checking' | 'ready' | 'unavailable';

const STATE_TEXT: Record<ServiceState, string> = {
  checking: 'Kontrollerar tjänsten …',
  ready: 'Tjänsten är igång.',
  unavailable: 'Tjänsten svarar inte just nu. Försök igen om en stund.',
};

/** The shell page: the full client (sign-in, views per party) comes with its own issue. */
export function App() {
  const [state, setState] = useState<ServiceState>('checking');

  useEffect(() => {
    fetch('/api/health/ready')
      .then((response) => {
        setState(response.ok ? 'ready' : 'unavailable');
      })
      .catch(() => {
        setState('unavailable');
      });
  }, []);

  return (
    <main className="shell">
      <h1>Återgång</h1>
      <p>
        En gemensam plats för dig som är sjukskriven, din arbetsgivare, vården, Försäkringskassan
        och Arbetsförmedlingen – med planen för återgång i arbete, avstämningsmöten och uppgifter.
        Du bestämmer vem som får se vad.
      </p>
      <p role="status" aria-live="polite">
        {STATE_TEXT[state]}
      </p>
      <p lang="en" className="secondary">
        Återgång – a shared, consent-scoped workspace for returning to work after sick leave.
      </p>
    </main>
  );
}
