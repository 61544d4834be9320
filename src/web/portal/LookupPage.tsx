import { useQuery } from '@tanstack/react-query';
import { Input, Space } from 'antd';
import { useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { QueryState } from '../ui/QueryState.tsx';
import { DossierFacts, type PublicDossierFacts } from '../ui/DossierFacts.tsx';
import { PageTitle } from '../ui/PageTitle.tsx';

export function LookupPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const code = params.get('ma')?.trim() ?? '';
  const result = useQuery({
    queryKey: ['lookup', code],
    queryFn: () =>
      api.get<PublicDossierFacts>(`/api/v1/public/dossiers/${encodeURIComponent(code)}`),
    enabled: code !== '',
    retry: false,
  });
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <PageTitle>{t('lookup.title')}</PageTitle>
      <Input.Search
        size="large"
        defaultValue={code}
        placeholder={t('lookup.placeholder')}
        aria-label={t('lookup.placeholder')}
        enterButton={t('lookup.button')}
        onSearch={(value) => setParams(value.trim() ? { ma: value.trim() } : {})}
      />
      {code && (
        <QueryState query={result}>{(d) => <DossierFacts dossier={d} columns={1} />}</QueryState>
      )}
    </Space>
  );
}
