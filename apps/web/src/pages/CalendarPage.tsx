import { useTranslation } from 'react-i18next';
import { CalendarView } from '../features/calendar/CalendarView';
import { CouplePageGate } from '../features/couple/CouplePageGate';

/** "Calendar": the couple's shared month, D-days and milestones. */
export function CalendarPage() {
  const { t } = useTranslation();
  return (
    <CouplePageGate title={t('nav.calendar')}>
      {(couple) => <CalendarView couple={couple} />}
    </CouplePageGate>
  );
}
