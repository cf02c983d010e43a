import type { CoupleDto } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QuestionArchive } from './QuestionArchive';
import { QuestionSettings } from './QuestionSettings';

/** "Questions": the archive of what was asked and answered, and which words bring questions up. */
export function QuestionsView({ couple, myId }: { couple: CoupleDto; myId: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const settings = params.get('view') === 'settings';
  const partnerName = couple.partner.displayName;
  return (
    <div className="stack questions-page">
      <header className="page-header">
        <h1 className="page-title">{t('questions.title')}</h1>
        <p className="muted">{t('questions.intro')}</p>
      </header>
      <nav className="questions-tabs" aria-label={t('questions.tabs.label')}>
        <Link
          to="/questions"
          className="questions-tab"
          aria-current={settings ? undefined : 'page'}
          replace
        >
          {t('questions.tabs.archive')}
        </Link>
        <Link
          to="/questions?view=settings"
          className="questions-tab"
          aria-current={settings ? 'page' : undefined}
          replace
        >
          {t('questions.tabs.settings')}
        </Link>
      </nav>
      {settings ? (
        <QuestionSettings myId={myId} partnerName={partnerName} />
      ) : (
        <QuestionArchive myId={myId} partnerName={partnerName} timeZone={couple.timeZone} />
      )}
    </div>
  );
}
