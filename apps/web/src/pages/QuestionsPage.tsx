import { useTranslation } from 'react-i18next';
import { CouplePageGate } from '../features/couple/CouplePageGate';
import { QuestionsView } from '../features/questions/QuestionsView';

/** "Questions": every question the chat brought up with both answers, and the question settings. */
export function QuestionsPage() {
  const { t } = useTranslation();
  return (
    <CouplePageGate title={t('nav.questions')}>
      {(couple, me) => <QuestionsView couple={couple} myId={me.id} />}
    </CouplePageGate>
  );
}
