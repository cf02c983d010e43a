import { Locale, supportedLocales } from '@couple-chat/protocol';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ko, type Messages } from './ko';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const resources = {
  ko: { translation: ko },
  en: { translation: en },
} satisfies Record<Locale, { translation: Messages }>;

/** Each language's name in itself, so a reader of either can find theirs. */
export const localeNames: Record<Locale, string> = { ko: '한국어', en: 'English' };

const storageKey = 'couple-chat.locale';
const defaultLocale: Locale = 'ko';

function readStoredLocale(): Locale {
  try {
    const parsed = Locale.safeParse(globalThis.localStorage?.getItem(storageKey));
    return parsed.success ? parsed.data : defaultLocale;
  } catch {
    return defaultLocale;
  }
}

function rememberLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(storageKey, locale);
  } catch {
    // Private browsing can refuse storage; the choice then lasts only for this page.
  }
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: readStoredLocale(),
  fallbackLng: defaultLocale,
  supportedLngs: [...supportedLocales],
  interpolation: { escapeValue: false },
  initAsync: false,
  showSupportNotice: false,
});

/** The active UI language as a protocol locale. */
export function currentLocale(): Locale {
  const parsed = Locale.safeParse(i18n.resolvedLanguage ?? i18n.language);
  return parsed.success ? parsed.data : defaultLocale;
}

function applyToDocument(locale: Locale): void {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = locale;
}

i18n.on('languageChanged', () => {
  const locale = currentLocale();
  applyToDocument(locale);
  rememberLocale(locale);
});
applyToDocument(currentLocale());

export async function changeLocale(locale: Locale): Promise<void> {
  if (currentLocale() !== locale) await i18n.changeLanguage(locale);
}
