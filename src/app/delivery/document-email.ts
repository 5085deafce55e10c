import type { DocumentType } from '../../core/documents/types.ts';

/** The document-type names a message uses, per language. */
const TYPE_NAMES: Record<DocumentType, { en: string; ru: string }> = {
  invoice: { en: 'Invoice', ru: 'Счёт' },
  proforma: { en: 'Proforma invoice', ru: 'Счёт на предоплату' },
  act: { en: 'Act', ru: 'Акт' },
  vat_invoice: { en: 'VAT invoice', ru: 'Счёт-фактура' },
  credit_note: { en: 'Credit note', ru: 'Кредит-нота' },
  reconciliation: { en: 'Reconciliation statement', ru: 'Акт сверки' },
};

export type MessageLanguage = 'en' | 'ru';

/** The customer's language as one messages exist in: Russian for ru*, English otherwise. */
export const messageLanguageOf = (language: string | null | undefined): MessageLanguage =>
  language?.toLowerCase().startsWith('ru') ? 'ru' : 'en';

export const typeNameOf = (type: DocumentType, language: MessageLanguage) => TYPE_NAMES[type][language];

/** The file name of an attachment, as the downloads name it: the document number, made safe. */
export const attachmentName = (number: string | null, id: string, extension: string) =>
  `${(number ?? `draft-${id}`).replace(/[^A-Za-z0-9._-]/g, '_')}.${extension}`;
