import {
  type LoginRequest,
  type LoginResponse,
  type MeResponse,
  meResponseSchema,
} from '@atergang/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { api, ApiError, session } from './api';

interface AuthState {
  /** undefined while the silent refresh on page load is still running. */
  session: LoginResponse | null | undefined;
  me: MeResponse | undefined;
  login: (request: LoginRequest) => Promise<void>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<LoginResponse | null | undefined>(undefined);
  const queryClient = useQueryClient();

  useEffect(() => {
    const unsubscribe = session.subscribe((next) => {
      setCurrent(next);
    });
    // A page load: the refresh cookie (if any) silently restores the session.
    void session.refresh();
    return unsubscribe;
  }, []);

  const me = useQuery({
    queryKey: ['me', current?.user.id],
    queryFn: () => api('/me', meResponseSchema),
    enabled: Boolean(current),
  });

  const value: AuthState = {
    session: current,
    me: me.data,
    login: async (request) => {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(request),
        credentials: 'same-origin',
      });
      if (!response.ok) {
        let problem = null;
        try {
          problem = (await response.json()) as ApiError['problem'];
        } catch {
          problem = null;
        }
        throw new ApiError(response.status, problem);
      }
      queryClient.clear();
      session.set((await response.json()) as LoginResponse);
    },
    logout: async () => {
      await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(
        () => undefined,
      );
      session.set(null);
      queryClient.clear();
    },
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
