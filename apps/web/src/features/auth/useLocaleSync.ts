import { useEffect } from 'react';
import { changeLocale } from '../../i18n';
import { useMe } from './hooks';

/** A signed-in user's saved language wins over this browser's last choice. */
export function useLocaleSync(): void {
  const locale = useMe().data?.locale;
  useEffect(() => {
    if (locale) void changeLocale(locale);
  }, [locale]);
}
