import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken, type Me, type Portal } from './api.ts';

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const { account } = await api.get<{ account: Me | null }>('/api/v1/auth/me');
      setCsrfToken(account?.csrfToken);
      return account;
    },
  });
}

/** The portal's facts the server wrote into the page (src/server/web-shell.ts), when it did. */
function portalInPage(): Portal | undefined {
  const text = document.getElementById('portal-info')?.textContent;
  return text ? (JSON.parse(text) as Portal) : undefined;
}
const PORTAL_IN_PAGE = portalInPage();

export function usePortal() {
  return useQuery({
    queryKey: ['portal'],
    queryFn: () => api.get<Portal>('/api/v1/portal'),
    initialData: PORTAL_IN_PAGE,
    staleTime: Infinity,
  });
}

/**
 * Ends the session and loads the portal afresh (or the identity provider's logout page, when the
 * session came from it): nothing the person could read stays in this tab's memory, which matters
 * on a shared computer at a one-stop desk. If the server no longer knew the session, the fresh page
 * shows that too.
 */
export async function signOut(): Promise<void> {
  let logoutUrl: string | undefined;
  try {
    ({ logoutUrl } = await api.post<{ logoutUrl?: string }>('/api/v1/auth/sign-out'));
  } catch {
    // an expired session or a lost connection: the fresh page says whether anyone is signed in
  }
  setCsrfToken(undefined);
  window.location.assign(logoutUrl ?? '/');
}
