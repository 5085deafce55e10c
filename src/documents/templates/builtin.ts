import { readFileSync } from 'node:fs';
import type { DocumentLocale, DocumentType } from '../view.ts';

// The templates every tenant starts with. They live as .liquid files so that they read and diff
// like the templates operators upload, and they go through the same sandboxed engine; reading
// them here is our own code at module load, not something a template can ask for.

export type BuiltinTemplateKey =
  'invoice-summary' | 'invoice-detailed' | 'proforma' | 'act' | 'vat-invoice' | 'credit-note' | 'reconciliation';

export interface BuiltinTemplate {
  key: BuiltinTemplateKey;
  documentType: DocumentType;
  locale: DocumentLocale;
  name: string;
  source: string;
}

const KINDS: Record<BuiltinTemplateKey, { documentType: DocumentType; names: Record<DocumentLocale, string> }> = {
  'invoice-summary': { documentType: 'invoice', names: { en: 'Invoice (summary)', ru: 'Счёт (сводный)' } },
  'invoice-detailed': {
    documentType: 'invoice',
    names: { en: 'Invoice with call list', ru: 'Счёт с детализацией звонков' },
  },
  proforma: { documentType: 'proforma', names: { en: 'Proforma invoice', ru: 'Счёт на предоплату' } },
  act: { documentType: 'act', names: { en: 'Act of acceptance', ru: 'Акт сдачи-приёмки' } },
  'vat-invoice': { documentType: 'vat_invoice', names: { en: 'VAT invoice', ru: 'Счёт-фактура' } },
  'credit-note': { documentType: 'credit_note', names: { en: 'Credit note', ru: 'Кредит-нота' } },
  reconciliation: {
    documentType: 'reconciliation',
    names: { en: 'Reconciliation statement', ru: 'Акт сверки' },
  },
};

function load(key: BuiltinTemplateKey, locale: DocumentLocale): BuiltinTemplate {
  const source = readFileSync(new URL(`./builtin/${key}.${locale}.liquid`, import.meta.url), 'utf8');
  return { key, documentType: KINDS[key].documentType, locale, name: KINDS[key].names[locale], source };
}

export const builtinTemplates: BuiltinTemplate[] = (Object.keys(KINDS) as BuiltinTemplateKey[]).flatMap((key) => [
  load(key, 'en'),
  load(key, 'ru'),
]);

export function findBuiltinTemplate(key: BuiltinTemplateKey, locale: DocumentLocale): BuiltinTemplate {
  const found = builtinTemplates.find((template) => template.key === key && template.locale === locale);
  if (!found) throw new Error(`no built-in template ${key}.${locale}`);
  return found;
}
