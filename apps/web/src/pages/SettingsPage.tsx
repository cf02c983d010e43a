import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ChangePasswordForm } from '../features/account/ChangePasswordForm';
import { DeleteAccountSection } from '../features/account/DeleteAccountSection';
import { ProfileForm } from '../features/account/ProfileForm';
import { SessionsSection } from '../features/account/SessionsSection';
import { useMe } from '../features/auth/hooks';

export function SettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.title'));
  const user = useMe().data;
  if (!user) return null;

  return (
    <div className="stack">
      <header className="page-header">
        <h1 className="page-title">{t('settings.title')}</h1>
        <p className="muted">
          {t('settings.signedInAs', { username: user.username, email: user.email })}
        </p>
      </header>
      <ProfileForm user={user} />
      <ChangePasswordForm />
      <SessionsSection />
      <DeleteAccountSection />
    </div>
  );
}
