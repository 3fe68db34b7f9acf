import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { session } from './api';

/**
 * The signed-in person's one live connection (socket.io), for every page of the app: the
 * bell listens on it for `notifications:changed` (the server puts each socket in its user's
 * room at the handshake), and a case's views join and leave their workspace on it
 * (lib/live.ts). One connection per tab, whatever the page.
 */
const LiveSocketContext = createContext<Socket | null>(null);

export function LiveSocketProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [socket, setSocket] = useState<Socket | null>(null);

  useEffect(() => {
    if (!session.token) return undefined;
    const next = io({
      path: '/socket.io',
      // A fresh token on every (re)connection attempt.
      auth: (callback) => {
        callback({ token: session.token ?? '' });
      },
      transports: ['websocket', 'polling'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    next.on('connect_error', () => {
      // An expired access token: refresh it; the next attempt sends the new one.
      void session.refresh();
    });
    setSocket(next);
    return () => {
      next.disconnect();
      setSocket(null);
    };
    // A new person in this tab gets a connection of their own.
  }, [userId]);

  return <LiveSocketContext.Provider value={socket}>{children}</LiveSocketContext.Provider>;
}

/** The live connection, or null before it exists (and outside the signed-in pages). */
export function useLiveSocket(): Socket | null {
  return useContext(LiveSocketContext);
}
