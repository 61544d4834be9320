import { Alert, Spin } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from '../api.ts';
import { useI18n } from '../i18n.tsx';

/** Spinner while loading, the server's Vietnamese problem title on failure, else the content. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { data: T | undefined; error: Error | null; isPending: boolean };
  children: (data: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (query.error) {
    const problem = query.error instanceof ApiError ? query.error.problem : undefined;
    return (
      <Alert
        type="error"
        showIcon
        title={problem?.title ?? query.error.message}
        description={problem?.detail}
      />
    );
  }
  if (query.isPending || query.data === undefined)
    return (
      <Spin description={t('common.loading')}>
        <div style={{ minHeight: 80 }} />
      </Spin>
    );
  return <>{children(query.data)}</>;
}
