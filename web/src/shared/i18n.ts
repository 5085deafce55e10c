import type { TranslationMessages } from 'react-admin';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import russianMessages from 'ra-language-russian';
import { en, ru } from './messages.ts';

type Messages = Record<string, unknown>;

function merge(base: Messages, extra: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(extra))
    out[key] =
      value && typeof value === 'object' && base[key] && typeof base[key] === 'object'
        ? merge(base[key] as Messages, value as Messages)
        : value;
  return out;
}

const catalogs: Record<string, Messages> = {
  en: merge(englishMessages as unknown as Messages, en),
  ru: merge(russianMessages as unknown as Messages, ru),
};

/** English and Russian, switchable from the app bar; the choice is kept in the browser (react-admin's store). */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (catalogs[locale] ?? catalogs.en!) as TranslationMessages,
  'en',
  [
    { locale: 'en', name: 'English' },
    { locale: 'ru', name: 'Русский' },
  ],
);
