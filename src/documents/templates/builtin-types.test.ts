import { describe, expect, it } from 'vitest';
import { demoDocumentView } from '../view.ts';
import type { DocumentLocale, DocumentView } from '../view.ts';
import { builtinTemplates } from './builtin.ts';
import { formatMoney } from './filters.ts';
import { renderTemplate } from './render.ts';

// The built-in proforma, act, VAT invoice, reconciliation and credit note: what each must state, in both languages.

const TITLES = {
  proforma: { en: 'Proforma invoice', ru: 'Счёт на предоплату' },
  act: { en: 'Act of acceptance of services', ru: 'Акт сдачи-приёмки оказанных услуг' },
  vat_invoice: { en: 'VAT invoice', ru: 'Счёт-фактура' },
  reconciliation: { en: 'Reconciliation statement', ru: 'Акт сверки взаимных расчётов' },
  credit_note: { en: 'Credit note', ru: 'Кредит-нота' },
} as const;
type OtherType = keyof typeof TITLES;

const MARKS = {
  en: { draft: 'DRAFT', cancelled: 'CANCELLED' },
  ru: { draft: 'ЧЕРНОВИК', cancelled: 'АННУЛИРОВАН' },
};

function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([,.;])/g, '$1');
}

const templates = builtinTemplates
  .filter((t) => t.documentType !== 'invoice')
  .map((t) => [`${t.key}.${t.locale}`, t.documentType as OtherType, t.locale, t.source] as const);

const money = (view: DocumentView, value: string) => formatMoney(value, view.document.currency, view.document.locale);

describe.each(templates)('%s', (_name, type, locale: DocumentLocale, source) => {
  const view = demoDocumentView(locale, type);

  it('names the document, both parties with address, tax IDs and bank details', async () => {
    const html = await renderTemplate(source, view);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`lang="${locale}"`);
    const text = textOf(html);
    const expected = [
      TITLES[type][locale],
      view.document.number ?? '',
      ...[view.sender, view.recipient].flatMap((party) => [
        party.name,
        party.taxId ?? '',
        party.address?.line1 ?? '',
        party.bank?.iban ?? party.bank?.account ?? '',
      ]),
    ];
    for (const item of expected) expect(text).toContain(item);
    if (locale === 'ru') {
      expect(text).toContain(`ИНН ${view.sender.taxId} · КПП ${view.sender.kpp}`);
      expect(text).toContain(`ИНН ${view.recipient.taxId} · КПП ${view.recipient.kpp}`);
      expect(text).toContain(`БИК: ${view.sender.bank?.bik}`);
      expect(text).toContain(`К/с: ${view.sender.bank?.correspondentAccount}`);
    }
  });

  if (type !== 'reconciliation') {
    it('states the lines and the totals', async () => {
      const text = textOf(await renderTemplate(source, view));
      for (const line of view.lines) expect(text).toContain(line.description);
      for (const amount of [view.totals.net, view.totals.tax, view.totals.total])
        expect(text).toContain(money(view, amount));
    });
  }

  const specific: Record<OtherType, () => Promise<void>> = {
    proforma: async () => {
      const text = textOf(await renderTemplate(source, view));
      expect(text).toContain(locale === 'en' ? 'Expected payment 01/11/2018' : 'Оплатить до 01.11.2018');
      expect(text).toContain(locale === 'en' ? 'Payment status Unpaid' : 'Статус оплаты Не оплачен');
      expect(text).toContain(locale === 'en' ? 'not a tax document' : 'не является налоговым документом');
      expect(text).toContain(locale === 'en' ? '01/11/2018 – 30/11/2018' : '01.11.2018 – 30.11.2018');
    },
    act: async () => {
      const text = textOf(await renderTemplate(source, view));
      expect(text).toContain(
        locale === 'en'
          ? 'in the period 01/10/2018 – 31/10/2018 (Europe/Madrid), as billed by invoice OT-2018-000142 of 02/11/2018'
          : 'в период 01.10.2018 – 31.10.2018 (Europe/Madrid) следующие услуги по счёту № OT-2018-000142 от 02.11.2018',
      );
      expect(text).not.toMatch(/Payment status|Статус оплаты/);
    },
    vat_invoice: async () => {
      const text = textOf(await renderTemplate(source, view));
      expect(text).toContain(locale === 'en' ? 'To invoice OT-2018-000142 of 02/11/2018' : 'К счёту № OT-2018-000142');
      // Per-line VAT: every line's rate, tax and gross are printed in its row.
      for (const line of view.lines) {
        const row = new RegExp(
          `${escapeRe(line.description)}.*?${escapeRe(money(view, line.net).replace(/ EUR$/, ''))}` +
            `.*?${line.taxRate}%.*?${escapeRe(money(view, line.tax).replace(/ EUR$/, ''))}` +
            `.*?${escapeRe(money(view, line.gross).replace(/ EUR$/, ''))}`,
        );
        expect(text).toMatch(row);
      }
    },
    credit_note: async () => {
      const text = textOf(await renderTemplate(source, view));
      expect(text).toContain(locale === 'en' ? 'Credits invoice OT-2018-000142 of 02/11/2018' : 'OT-2018-000142');
      expect(text).not.toMatch(/Payment status|Статус оплаты/);
    },
    reconciliation: async () => {
      const text = textOf(await renderTemplate(source, view));
      const statement = view.statement!;
      for (const entry of statement.entries) expect(text).toContain(entry.reference ?? '');
      expect(text).toContain(money(view, statement.closingBalance));
      expect(text).toContain(money(view, statement.openingBalance).replace(/ EUR$/, ''));
      expect(text).toContain(
        locale === 'en'
          ? `As at 30/11/2018, ${view.recipient.name} owes ${view.sender.name} 1,557.80 EUR.`
          : `На 30.11.2018 задолженность ${view.recipient.name} перед ${view.sender.name} составляет 1 557,80 EUR.`,
      );
      const credit = structuredClone(view);
      credit.statement!.closingBalance = '-25.00';
      expect(textOf(await renderTemplate(source, credit))).toContain(
        locale === 'en' ? 'credit of 25.00 EUR' : '(аванс) составляет 25,00 EUR',
      );
    },
  };
  it(`states what a ${type} must`, () => specific[type]());

  it('marks a draft and a cancelled document', async () => {
    const draft = structuredClone(view);
    Object.assign(draft.document, { status: 'draft', number: null, issueDate: null });
    const draftHtml = await renderTemplate(source, draft);
    expect(draftHtml).toContain(MARKS[locale].draft);
    expect(draftHtml).not.toContain(view.document.number ?? '');
    const cancelled = structuredClone(view);
    cancelled.document.status = 'cancelled';
    expect(await renderTemplate(source, cancelled)).toContain(MARKS[locale].cancelled);
  });

  it('copes with missing details and escapes names', async () => {
    const sparse = structuredClone(view);
    Object.assign(sparse.sender, { address: null, bank: null, email: null, taxId: null, kpp: null });
    Object.assign(sparse.recipient, { address: null, bank: null, email: null, taxId: null, kpp: null });
    sparse.recipient.name = '<img src=x onerror=alert(1)> & Co';
    sparse.document.accompanies = null;
    const html = await renderTemplate(source, sparse);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(html).not.toContain('<img src=x');
  });
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe.each(
  builtinTemplates.filter((t) => t.documentType === 'invoice').map((t) => [`${t.key}.${t.locale}`, t] as const),
)('%s with Russian bank details', (_name, template) => {
  it("prints the sender's BIK and correspondent account and the customer's bank account", async () => {
    const view = demoDocumentView(template.locale);
    const russian = demoDocumentView('ru', 'vat_invoice');
    view.sender.bank = russian.sender.bank;
    view.recipient.bank = russian.recipient.bank;
    const text = textOf(await renderTemplate(template.source, view));
    for (const item of [
      russian.sender.bank?.bik,
      russian.sender.bank?.correspondentAccount,
      russian.sender.bank?.account,
      russian.recipient.bank?.account,
    ])
      expect(text).toContain(item);
  });
});
