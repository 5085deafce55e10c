import { describe, expect, it } from 'vitest';
import { demoDocumentView } from '../view.ts';
import type { DocumentLocale, DocumentView } from '../view.ts';
import { builtinTemplates, findBuiltinTemplate } from './builtin.ts';
import { renderTemplate, validateTemplate } from './render.ts';

const LABELS = {
  en: {
    title: 'Invoice',
    draft: 'DRAFT',
    tax: 'VAT 21%',
    status: 'Unpaid',
    period: 'Period 01/10/2018 – 31/10/2018 (Europe/Madrid)',
    cancelled: 'CANCELLED',
    noCalls: 'No calls in this period.',
  },
  ru: {
    title: 'Счёт',
    draft: 'ЧЕРНОВИК',
    tax: 'НДС 21%',
    status: 'Не оплачен',
    period: 'Период 01.10.2018 – 31.10.2018 (Europe/Madrid)',
    cancelled: 'АННУЛИРОВАН',
    noCalls: 'За период звонков нет.',
  },
};

/** The page's visible text, roughly: tags dropped, whitespace collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');
}

function withChanges(locale: DocumentLocale, change: (view: DocumentView) => void): DocumentView {
  const view = demoDocumentView(locale);
  change(view);
  return view;
}

it('offers a summary and a detailed invoice, a proforma, an act, a VAT invoice, a credit note and a reconciliation in English and Russian', () => {
  expect(builtinTemplates.map((t) => `${t.key}.${t.locale}`).sort()).toEqual([
    'act.en',
    'act.ru',
    'credit-note.en',
    'credit-note.ru',
    'invoice-detailed.en',
    'invoice-detailed.ru',
    'invoice-summary.en',
    'invoice-summary.ru',
    'proforma.en',
    'proforma.ru',
    'reconciliation.en',
    'reconciliation.ru',
    'vat-invoice.en',
    'vat-invoice.ru',
  ]);
  for (const template of builtinTemplates) {
    expect(template.documentType).toBe(
      template.key.startsWith('invoice-') ? 'invoice' : template.key.replace('-', '_'),
    );
    expect(template.name.length).toBeGreaterThan(3);
    expect(validateTemplate(template.source)).toEqual({ ok: true });
  }
  expect(() => findBuiltinTemplate('invoice-summary', 'de' as DocumentLocale)).toThrow(/no built-in template/);
});

const invoiceTemplates = builtinTemplates.filter((t) => t.documentType === 'invoice');

describe.each(invoiceTemplates.map((t) => [`${t.key}.${t.locale}`, t] as const))('%s', (_name, template) => {
  const labels = LABELS[template.locale];
  const view = demoDocumentView(template.locale);
  const detailed = template.key === 'invoice-detailed';

  it('renders the demo document as a complete page with everything an invoice states', async () => {
    const html = await renderTemplate(template.source, view);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/@page\s*\{\s*size: A4/);
    expect(html).toContain(`lang="${template.locale}"`);
    const expected = [
      labels.title,
      view.document.number ?? '',
      labels.period,
      labels.tax,
      labels.status,
      view.sender.name,
      view.sender.taxId ?? '',
      view.recipient.name,
      view.recipient.taxId ?? '',
      view.sender.address?.line1 ?? '',
      view.recipient.address?.city ?? '',
      view.sender.bank?.iban ?? '',
      template.locale === 'ru' ? '1 557,80 EUR' : '1,557.80 EUR',
      template.locale === 'ru' ? '270,36 EUR' : '270.36 EUR',
      template.locale === 'ru' ? '1 287,44 EUR' : '1,287.44 EUR',
      template.locale === 'ru' ? '−0,83 EUR' : '−0.83 EUR',
      template.locale === 'ru' ? '16.11.2018' : '16/11/2018',
      ...view.lines.filter((line) => line.kind !== 'discount').map((line) => line.description),
    ];
    const text = textOf(html);
    for (const item of expected) expect(text).toContain(item);
    if (template.locale === 'ru') expect(text).toContain('КПП 770101001');
  });

  it(detailed ? 'lists every call in the customer zone' : 'leaves the call list out', async () => {
    const html = await renderTemplate(template.source, view);
    for (const call of view.calls) expect(html.includes(call.startedAt)).toBe(detailed);
    if (detailed) {
      expect(html).toContain(view.document.customerTimezone);
      expect(html).toContain('1:02:05');
      expect(html).toContain('3:23:44');
    }
  });

  it('renders the other locale’s data too', async () => {
    const other = demoDocumentView(template.locale === 'en' ? 'ru' : 'en');
    await expect(renderTemplate(template.source, other)).resolves.toContain(other.recipient.name);
  });

  it('marks a draft and a cancelled document', async () => {
    const draft = withChanges(template.locale, (v) =>
      Object.assign(v.document, { status: 'draft', number: null, issueDate: null, paymentStatus: null }),
    );
    const draftHtml = await renderTemplate(template.source, draft);
    expect(draftHtml).toContain(labels.draft);
    expect(draftHtml).not.toContain('OT-2018-000142');
    const cancelled = withChanges(template.locale, (v) => (v.document.status = 'cancelled'));
    expect(await renderTemplate(template.source, cancelled)).toContain(labels.cancelled);
  });

  it('copes with missing optional data', async () => {
    const sparse = withChanges(template.locale, (v) => {
      Object.assign(v.sender, { address: null, bank: null, email: null, taxId: null });
      Object.assign(v.recipient, { address: null, email: null, taxId: null, kpp: null });
      v.calls = [];
      v.totals.discount = '0.00';
    });
    const html = await renderTemplate(template.source, sparse);
    expect(html).toContain(sparse.recipient.name);
    expect(html).not.toMatch(/Call discount|Скидка на звонки \d/);
    if (detailed) expect(html).toContain(labels.noCalls);
  });

  it('escapes names so that data cannot inject markup', async () => {
    const hostile = withChanges(template.locale, (v) => (v.recipient.name = '<img src=x onerror=alert(1)> & Co'));
    const html = await renderTemplate(template.source, hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(html).not.toContain('<img src=x');
  });
});
