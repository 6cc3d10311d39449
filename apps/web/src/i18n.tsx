import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { en, type MessageId } from './messages/en';
import { fr } from './messages/fr';

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
const CATALOGUES: Readonly<Record<Locale, Readonly<Record<MessageId, string>>>> = { en, fr };
// Only the choice of language is kept in the browser (not personal data, no token).
const STORAGE_KEY = 'spn.console.locale';

const isLocale = (value: string | null | undefined): value is Locale =>
  (LOCALES as readonly string[]).includes(value ?? '');

function initialLocale(): Locale {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (isLocale(stored)) return stored;
  const browser = navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

interface LocaleChoice {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleChoice | undefined>(undefined);

/** The language, switchable at any time: the whole tree re-renders in it and `<html lang>` follows. */
export function LocaleProvider({ children }: { readonly children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
    window.localStorage.setItem(STORAGE_KEY, locale);
  }, [locale]);
  const choice = useMemo(() => ({ locale, setLocale }), [locale]);
  return (
    <LocaleContext.Provider value={choice}>
      <IntlProvider locale={locale} messages={CATALOGUES[locale]} defaultLocale="en">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleChoice {
  const choice = useContext(LocaleContext);
  if (!choice) throw new Error('useLocale outside LocaleProvider');
  return choice;
}

type Values = Record<string, string | number | Date>;

/** Typed messages: an id missing from the catalogue does not compile. */
export function useMessages() {
  const intl = useIntl();
  const t = (id: MessageId, values?: Values): string => intl.formatMessage({ id }, values);
  /** A value of a fixed vocabulary (`need.food`), or the value itself when the catalogue lacks it. */
  const label = (prefix: string, value: string): string => {
    const id = `${prefix}.${value}`;
    return id in en ? t(id as MessageId) : value;
  };
  /** A language code (`fr`, `pa`) named in the user's language by Intl. */
  const language = (code: string): string => {
    try {
      return new Intl.DisplayNames([intl.locale], { type: 'language' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const date = (iso: string): string => intl.formatDate(iso, { dateStyle: 'long' });
  const dateTime = (iso: string): string => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
  /** A list joined as the language does (`a, b and c`; `a, b et c`). */
  const list = (items: readonly string[]): string => intl.formatList(items, { type: 'conjunction' });
  return { t, label, list, language, date, dateTime, intl };
}
