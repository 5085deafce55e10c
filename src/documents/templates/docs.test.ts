import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoDocumentView } from '../view.ts';
import { renderTemplate, validateTemplate } from './render.ts';

// docs/templates.md is what template authors read; these checks keep it true to the code.
const docs = readFileSync(new URL('../../../docs/templates.md', import.meta.url), 'utf8');

describe('docs/templates.md', () => {
  it('has an example that validates and renders', async () => {
    const example = /```liquid\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(example).toBeDefined();
    expect(validateTemplate(example ?? '')).toEqual({ ok: true });
    const text = (await renderTemplate(example ?? '', demoDocumentView('en'))).replace(/\s+/g, ' ');
    expect(text).toContain('Invoice OT-2018-000142');
    expect(text).toContain('Period 01/10/2018 – 31/10/2018 (Europe/Madrid)');
    expect(text).toContain('Total 1,557.80 EUR</strong>, due 16/11/2018');
  });

  it('documents every variable of the view', () => {
    const documented = new Set([...docs.matchAll(/`([a-zA-Z0-9.]+)`/g)].map((match) => match[1]));
    const missing: string[] = [];
    const expect_ = (name: string): void => {
      if (!documented.has(name)) missing.push(name);
    };
    const types = ['invoice', 'proforma', 'act', 'vat_invoice', 'reconciliation'] as const;
    for (const [locale, type] of (['en', 'ru'] as const).flatMap((l) => types.map((t) => [l, t] as const))) {
      const view = demoDocumentView(locale, type);
      Object.keys(view.document.accompanies ?? {}).forEach((key) => expect_(`document.accompanies.${key}`));
      Object.keys(view.statement ?? {}).forEach((key) => expect_(`statement.${key}`));
      view.statement?.entries.forEach((entry) => Object.keys(entry).forEach((key) => expect_(`entry.${key}`)));
      Object.keys(view).forEach(expect_);
      Object.keys(view.document).forEach((key) => expect_(`document.${key}`));
      Object.keys(view.totals).forEach((key) => expect_(`totals.${key}`));
      view.lines.forEach((line) => Object.keys(line).forEach((key) => expect_(`line.${key}`)));
      view.calls.forEach((call) => Object.keys(call).forEach((key) => expect_(`call.${key}`)));
      for (const party of [view.sender, view.recipient]) {
        Object.keys(party).forEach((key) => expect_(`.${key}`));
        Object.keys(party.address ?? {}).forEach((key) => expect_(`.address.${key}`));
        Object.keys(party.bank ?? {}).forEach((key) => expect_(`.bank.${key}`));
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('documents every filter Tollbook adds', () => {
    for (const filter of ['money', 'decimal', 'duration', 'dmy']) expect(docs).toContain(`| \`${filter}\``);
  });
});
