import { Button, Space, Typography } from 'antd';
import { useI18n } from '../i18n.tsx';

/** Previous and next under a back-office list the server pages (it says whether there is more). */
export function PageButtons({
  page,
  hasMore,
  onPage,
}: {
  page: number;
  hasMore: boolean;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  return (
    <Space>
      <Button disabled={page === 1} onClick={() => onPage(page - 1)}>
        {t('feedback.previous')}
      </Button>
      <Typography.Text>{page}</Typography.Text>
      <Button disabled={!hasMore} onClick={() => onPage(page + 1)}>
        {t('feedback.next')}
      </Button>
    </Space>
  );
}
