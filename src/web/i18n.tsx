import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../domain/form-validation.ts';
import { en, englishSingular } from './locales/en.ts';
import { vi, type MessageKey } from './locales/vi.ts';

export type { MessageKey };
type Key = MessageKey;

const messages: Record<Locale, Record<Key, string>> = { vi, en };

const englishPlural = new Intl.PluralRules('en');

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** A message with its values put in; numbers are written by the locale's rules (11.064; 17,99). */
function translate(locale: Locale, key: Key, vars: Record<string, string | number> = {}) {
  const count = vars.n ?? vars.total;
  const singular =
    locale === 'en' && typeof count === 'number' && englishPlural.select(count) === 'one'
      ? englishSingular[key]
      : undefined;
  return Object.entries(vars).reduce(
    (text, [name, v]) =>
      text.replaceAll(`{${name}}`, typeof v === 'number' ? numberFormats[locale].format(v) : v),
    singular ?? messages[locale][key],
  );
}

/** The locale the visitor chose last, read where no component is at hand (the API client). */
const storedLocale = (): Locale => (localStorage.getItem('locale') === 'en' ? 'en' : 'vi');

/** A message in the visitor's locale, for code outside the components. */
export const translateNow: Translate = (key, vars) => translate(storedLocale(), key, vars);

export type Translate = (key: Key, vars?: Record<string, string | number>) => string;

type I18n = {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** A count or a ratio as this locale writes it. */
  formatNumber: (n: number) => string;
};

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale: (next) => {
        localStorage.setItem('locale', next);
        document.documentElement.lang = next;
        setLocaleState(next);
      },
      t: (key, vars) => translate(locale, key, vars),
      formatNumber: (n) => numberFormats[locale].format(n),
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
