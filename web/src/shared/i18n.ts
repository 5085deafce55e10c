import type { TranslationMessages } from 'react-admin';
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import russianMessages from 'ra-language-russian';
import { en, ru } from './messages.ts';
import * as payments from './messages/payments.ts';
import * as documents from './messages/documents.ts';
import * as billing from './messages/billing.ts';
import * as settings from './messages/settings.ts';
import * as delivery from './messages/delivery.ts';
import * as customers from './messages/customers.ts';
import * as usage from './messages/usage.ts';
import * as catalogWords from './messages/catalog.ts';
import * as operations from './messages/operations.ts';

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

// Each group of screens brings its words in both languages (./messages/*.ts).
const screens: Array<{ en: Messages; ru: Messages }> = [
  payments,
  documents,
  billing,
  settings,
  delivery,
  customers,
  usage,
  catalogWords,
  operations,
];
const catalog = (base: Messages, own: Messages, locale: 'en' | 'ru') =>
  screens.reduce((all, group) => merge(all, group[locale]), merge(base, own));

const catalogs: Record<string, Messages> = {
  en: catalog(englishMessages as unknown as Messages, en, 'en'),
  ru: catalog(russianMessages as unknown as Messages, ru, 'ru'),
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
