import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, get, setCsrfToken } from './api.ts';

export interface Me {
  user: { id: number; name: string; username: string; orgId: number };
  csrfToken: string;
  roles: { orgId: number; roleKey: string; orgName?: string }[];
  permissions: string[];
  canteens: { id: number; name: string }[];
}

interface SessionState {
  me: Me | null;
  loading: boolean;
  refresh: () => Promise<void>;
  can: (permission: string) => boolean;
  canteenId: number | null;
  setCanteenId: (id: number) => void;
}

const Ctx = createContext<SessionState>(null as never);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [canteenId, setCanteen] = useState<number | null>(Number(localStorage.getItem('canteenId')) || null);
  const refresh = useCallback(async () => {
    try {
      const m = await get<Me>('/api/auth/me');
      setCsrfToken(m.csrfToken);
      setMe(m);
      setCanteen((cur) => (cur && m.canteens.some((c) => c.id === cur) ? cur : m.canteens[0]?.id ?? null));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) console.error(e);
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const setCanteenId = (id: number) => {
    localStorage.setItem('canteenId', String(id));
    setCanteen(id);
  };
  const can = (p: string) => !!me?.permissions.includes(p);
  return <Ctx.Provider value={{ me, loading, refresh, can, canteenId, setCanteenId }}>{children}</Ctx.Provider>;
}

export const useSession = () => useContext(Ctx);
