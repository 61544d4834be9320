import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { Loading } from './Loading.tsx';

/** A spinner while loading, the server's Vietnamese problem title on failure, else the content. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { data: T | undefined; error: Error | null; isPending: boolean };
  children: (data: T) => ReactNode;
}) {
  if (query.error) {
    const problem = query.error instanceof ApiError ? query.error.problem : undefined;
    return (
      <div className="notice notice-error" role="alert">
        <p>
          <strong>{problem?.title ?? query.error.message}</strong>
        </p>
        {problem?.detail && <p>{problem.detail}</p>}
      </div>
    );
  }
  if (query.isPending || query.data === undefined) return <Loading />;
  return <>{children(query.data)}</>;
}
