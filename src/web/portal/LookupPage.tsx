import { useQuery } from '@tanstack/react-query';
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
    <div className="stack stack-large">
      <PageTitle>{t('lookup.title')}</PageTitle>
      <form
        role="search"
        className="catalog-search"
        onSubmit={(event) => {
          event.preventDefault();
          const typed = new FormData(event.currentTarget).get('ma');
          const value = typeof typed === 'string' ? typed.trim() : '';
          setParams(value ? { ma: value } : {});
        }}
      >
        <input
          type="search"
          name="ma"
          defaultValue={code}
          placeholder={t('lookup.placeholder')}
          aria-label={t('lookup.placeholder')}
          autoCapitalize="characters"
          spellCheck={false}
        />
        <button type="submit">{t('lookup.button')}</button>
      </form>
      {code && <QueryState query={result}>{(d) => <DossierFacts dossier={d} />}</QueryState>}
    </div>
  );
}
