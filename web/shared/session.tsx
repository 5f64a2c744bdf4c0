// The logged-in user, CSRF token, demo flag and "today", from /api/auth/me.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, setCsrfToken, type ApiError } from './api.js';
import type { Me } from './types.js';

interface Session {
  me: Me | null;
  loading: boolean;
  error: ApiError | null;
  refresh: () => Promise<void>;
  login: (userId: string) => Promise<Me>;
  /** The local development identity provider (SPIRE_LOCAL_IDP=true): log in by the user's OIDC subject. */
  localLogin: (subject: string) => Promise<Me>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const accept = useCallback((m: Me) => {
    setCsrfToken(m.csrfToken);
    setMe(m);
    setError(null);
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await api.get<Me>('/api/auth/me'));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  }, [accept]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(
    async (userId: string) => {
      const m = await api.post<Me>('/api/auth/demo-login', { userId });
      accept(m);
      return m;
    },
    [accept],
  );

  const localLogin = useCallback(
    async (subject: string) => {
      const m = await api.post<Me>('/api/auth/local-login', { subject });
      accept(m);
      return m;
    },
    [accept],
  );

  const logout = useCallback(async () => {
    await api.post<void>('/api/auth/logout');
    setCsrfToken(null);
    await refresh();
  }, [refresh]);

  return (
    <SessionContext.Provider value={{ me, loading, error, refresh, login, localLogin, logout }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export const isStaffRole = (role: string | undefined) => !!role && role !== 'guardian';

/** Whether the server's access policy lets the logged-in user do `action` (from /api/auth/me): menus, pages and
 *  buttons ask this instead of repeating role lists. */
export function useCan(): (action: string) => boolean {
  const { me } = useSession();
  return (action) => !!me?.permissions.includes(action);
}
