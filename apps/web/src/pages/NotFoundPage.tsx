import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../components/Layouts';
import { useDocumentTitle } from '../components/useDocumentTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <Card titleId="not-found-title" title={t('notFound.title')}>
      <div className="card-links">
        <Link to="/">{t('notFound.back')}</Link>
      </div>
    </Card>
  );
}
