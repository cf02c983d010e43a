import { supportedLocales } from '@couple-chat/protocol';
import { useTranslation } from 'react-i18next';
import { useMe, useUpdateMe } from '../features/auth/hooks';
import { changeLocale, currentLocale, localeNames } from '../i18n';

/** One tap to the other language; a signed-in user's choice is saved to their account too. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const me = useMe();
  const updateMe = useUpdateMe();
  const current = currentLocale();
  const next = supportedLocales[(supportedLocales.indexOf(current) + 1) % supportedLocales.length];
  if (!next) return null;

  function onClick() {
    if (!next) return;
    void changeLocale(next);
    if (me.data) updateMe.mutate({ locale: next });
  }

  return (
    <button
      type="button"
      className="language-switch"
      lang={next}
      title={t('language.switchHint')}
      onClick={onClick}
    >
      <svg className="language-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
      </svg>
      {localeNames[next]}
    </button>
  );
}
