import { useTranslation } from 'react-i18next';
import { CouplePageGate } from '../features/couple/CouplePageGate';
import { DrawerView } from '../features/files/DrawerView';

/** "Drawer": the photos, videos, files and links of the chat, reached from the chat's header. */
export function DrawerPage() {
  const { t } = useTranslation();
  return (
    <CouplePageGate title={t('drawer.title')}>
      {(couple, me) => <DrawerView couple={couple} myId={me.id} />}
    </CouplePageGate>
  );
}
