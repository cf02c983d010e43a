import { useTranslation } from 'react-i18next';
import { Banner } from '../../components/Banner';
import { LoadingScreen } from '../../components/LoadingScreen';
import { formErrorMessage } from '../../i18n/errorMessages';
import { CustomQuestionsCard } from './CustomQuestionsCard';
import { useQuestionSettings } from './hooks';
import { KeywordsCard } from './KeywordsCard';

/** Which words bring questions up: our own questions first, then the built-in keywords. */
export function QuestionSettings({ myId, partnerName }: { myId: string; partnerName: string }) {
  const { t } = useTranslation();
  const settings = useQuestionSettings();
  if (settings.isPending) return <LoadingScreen />;
  if (settings.isError) {
    return (
      <Banner tone="error">
        <p>{formErrorMessage(t, settings.error)}</p>
        <button type="button" className="text-button" onClick={() => settings.refetch()}>
          {t('app.retry')}
        </button>
      </Banner>
    );
  }
  return (
    <div className="question-settings">
      <CustomQuestionsCard custom={settings.data.custom} myId={myId} partnerName={partnerName} />
      <KeywordsCard keywords={settings.data.keywords} />
    </div>
  );
}
