import { useTranslation } from 'react-i18next';
import { CoupleHistory } from '../features/couple/CoupleHistory';
import { CouplePageGate } from '../features/couple/CouplePageGate';
import { CoupleSettingsForm } from '../features/couple/CoupleSettingsForm';
import { CoupleSummary } from '../features/couple/CoupleSummary';
import { EndConnectionSection } from '../features/couple/EndConnectionSection';
import { ExportSection } from '../features/couple/ExportLinks';
import { StorageSection } from '../features/files/StorageSection';

/** "Us": the connection itself — day count, settings, history, export and ending it. */
export function CouplePage() {
  const { t } = useTranslation();
  return (
    <CouplePageGate title={t('nav.us')}>
      {(couple, me) => (
        <div className="stack">
          <header className="page-header">
            <h1 className="page-title">{t('nav.us')}</h1>
          </header>
          <CoupleSummary couple={couple} />
          <CoupleSettingsForm couple={couple} />
          <CoupleHistory couple={couple} myId={me.id} />
          <StorageSection />
          <ExportSection />
          <EndConnectionSection couple={couple} />
        </div>
      )}
    </CouplePageGate>
  );
}
