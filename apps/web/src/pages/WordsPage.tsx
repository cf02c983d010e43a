import { useTranslation } from 'react-i18next';
import { CouplePageGate } from '../features/couple/CouplePageGate';
import { WordsView } from '../features/words/WordsView';

/** "Words": the 7-day word ranking of the couple. */
export function WordsPage() {
  const { t } = useTranslation();
  return (
    <CouplePageGate title={t('nav.words')}>
      {(couple, me) => <WordsView couple={couple} myId={me.id} />}
    </CouplePageGate>
  );
}
