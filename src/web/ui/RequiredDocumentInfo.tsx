import { templateUrl, type RequiredDocument } from '../api.ts';
import { useI18n } from '../i18n.tsx';
import { usePortal } from '../session.ts';
import { megabytes, uploadLimitBytes } from './upload-limit.ts';

/** What a citizen must know of one required document: name, mandatory or not, formats, template. */
export function RequiredDocumentInfo({ document }: { document: RequiredDocument }) {
  const { t } = useI18n();
  const portal = usePortal();
  // Every document says its limit: its own, or the portal's.
  const limit = uploadLimitBytes(document.maxSizeMb, portal.data?.uploadMaxBytes);
  return (
    <div className="document-info">
      <p>
        <strong>{document.name}</strong>{' '}
        <span className={`tag ${document.mandatory ? 'tag-required' : ''}`}>
          {document.mandatory ? t('form.mandatory') : t('form.optional')}
        </span>
      </p>
      <p className="muted">
        {t('form.accept', { types: document.accept.join(', ').toUpperCase() })}
        {limit ? ` · ${t('form.maxSize', { n: megabytes(limit) })}` : ''}
      </p>
      {document.template && (
        <p>
          <a href={templateUrl(document.template.id)} download>
            {t('form.template', { name: document.template.fileName })}
          </a>
        </p>
      )}
    </div>
  );
}
