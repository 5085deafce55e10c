import { readFileSync } from 'node:fs';
import type { DocumentLocale } from '../view.ts';

// The templates every tenant starts with. They live as .liquid files so that they read and diff
// like the templates operators upload, and they go through the same sandboxed engine; reading
// them here is our own code at module load, not something a template can ask for.

export type BuiltinTemplateKey = 'invoice-summary' | 'invoice-detailed';

export interface BuiltinTemplate {
  key: BuiltinTemplateKey;
  documentType: 'invoice';
  locale: DocumentLocale;
  name: string;
  source: string;
}

const NAMES: Record<BuiltinTemplateKey, Record<DocumentLocale, string>> = {
  'invoice-summary': { en: 'Invoice (summary)', ru: 'Счёт (сводный)' },
  'invoice-detailed': { en: 'Invoice with call list', ru: 'Счёт с детализацией звонков' },
};

function load(key: BuiltinTemplateKey, locale: DocumentLocale): BuiltinTemplate {
  const source = readFileSync(new URL(`./builtin/${key}.${locale}.liquid`, import.meta.url), 'utf8');
  return { key, documentType: 'invoice', locale, name: NAMES[key][locale], source };
}

export const builtinTemplates: BuiltinTemplate[] = [
  load('invoice-summary', 'en'),
  load('invoice-summary', 'ru'),
  load('invoice-detailed', 'en'),
  load('invoice-detailed', 'ru'),
];

export function findBuiltinTemplate(key: BuiltinTemplateKey, locale: DocumentLocale): BuiltinTemplate {
  const found = builtinTemplates.find((template) => template.key === key && template.locale === locale);
  if (!found) throw new Error(`no built-in template ${key}.${locale}`);
  return found;
}
