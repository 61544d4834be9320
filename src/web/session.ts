import { useQuery, useQueryClient } from '@tanstack/react-query';
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

export function usePortal() {
  return useQuery({
    queryKey: ['portal'],
    queryFn: () => api.get<Portal>('/api/v1/portal'),
    staleTime: Infinity,
  });
}

export function useSignOut() {
  const client = useQueryClient();
  /** Ends the session; when it came from the identity provider, continues to its logout page. */
  return async () => {
    const { logoutUrl } = await api.post<{ logoutUrl?: string }>('/api/v1/auth/sign-out');
    setCsrfToken(undefined);
    // Forget what the session could read, then say at once that nobody is signed in: clearing
    // alone would leave the frame showing the name until something drew it again.
    client.clear();
    client.setQueryData(['me'], null);
    if (logoutUrl) window.location.assign(logoutUrl);
    return logoutUrl;
  };
}
