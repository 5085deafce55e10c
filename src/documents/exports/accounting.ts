import { XMLBuilder } from 'fast-xml-parser';
import { stringify } from 'csv-stringify/sync';
import type { AccountingBatch, AccountingFormat } from '../../app/exports/accounting.ts';
import type { DocumentOut } from '../../app/documents/present.ts';
import { neutralizeCell } from './table-stream.ts';

// The business operation (ХозОперация) 1C reads per document type; see docs/outputs.md.
const OPERATION: Record<string, string> = {
  invoice: 'Отпуск товара',
  act: 'Отпуск товара',
  vat_invoice: 'Отпуск товара',
  proforma: 'Счет на оплату',
  credit_note: 'Возврат товара',
  reconciliation: 'Прочие',
};

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: true });

function counterparty(d: DocumentOut) {
  const r = d.recipient;
  return {
    Ид: d.customerId,
    Наименование: r?.name ?? '',
    ОфициальноеНаименование: r?.name ?? '',
    ...(r?.taxId ? { ИНН: r.taxId } : {}),
    ...(r?.kpp ? { КПП: r.kpp } : {}),
    Роль: 'Покупатель',
  };
}

function document(d: DocumentOut) {
  const lines = d.lines.filter((l) => l.kind !== 'discount');
  const discount = d.lines.find((l) => l.kind === 'discount');
  return {
    Ид: d.id,
    Номер: d.number ?? '',
    Дата: d.issueDate ?? '',
    ХозОперация: OPERATION[d.type] ?? 'Прочие',
    Роль: 'Продавец',
    Валюта: d.currency,
    Курс: d.exchangeRate ?? '1',
    Сумма: d.totals.total,
    Контрагенты: { Контрагент: counterparty(d) },
    ...(d.dueDate ? { СрокПлатежа: d.dueDate } : {}),
    ...(d.status === 'cancelled' ? { ПометкаУдаления: 'true' } : {}),
    Налоги: { Налог: { Наименование: 'НДС', УчтеноВСумме: 'false', Сумма: d.totals.tax } },
    ...(discount
      ? {
          Скидки: {
            Скидка: { Наименование: discount.description, Сумма: discount.net.replace(/^-/, ''), УчтеноВСумме: 'true' },
          },
        }
      : {}),
    Товары: {
      Товар: lines.map((l, i) => ({
        Ид: `${d.id}-${i + 1}`,
        Наименование: l.description,
        БазоваяЕдиница: { '#text': l.unit === 'call' ? 'мин' : 'шт', '@Код': l.unit === 'call' ? '355' : '796' },
        ЦенаЗаЕдиницу: l.unitPrice ?? l.net,
        Количество: l.unitPrice ? l.quantity : '1',
        Сумма: l.net,
        СтавкиНалогов: { СтавкаНалога: { Наименование: 'НДС', Ставка: l.taxRate } },
        Налоги: { Налог: { Наименование: 'НДС', УчтеноВСумме: 'false', Сумма: l.tax } },
      })),
    },
    ЗначенияРеквизитов: {
      ЗначениеРеквизита: [
        { Наименование: 'Тип документа', Значение: d.type },
        { Наименование: 'Период с', Значение: d.periodStart },
        { Наименование: 'Период по', Значение: d.periodEnd },
        { Наименование: 'Статус', Значение: d.status },
      ],
    },
  };
}

/** CommerceML 2.10: one Документ per issued document, one per payment (Поступление безналичных). */
export function commerceMl(batch: AccountingBatch, generatedAt: string): string {
  const payments = batch.payments.map((p) => ({
    Ид: p.id,
    Номер: p.externalId ?? p.id,
    Дата: p.receivedOn,
    ХозОперация: 'Выплата безналичных денег',
    Роль: 'Покупатель',
    Валюта: p.currency,
    Курс: '1',
    Сумма: p.amount,
    Контрагенты: { Контрагент: { Ид: p.customerId ?? '', Наименование: p.customerName, Роль: 'Покупатель' } },
  }));
  const root = {
    КоммерческаяИнформация: {
      '@ВерсияСхемы': '2.10',
      '@ДатаФормирования': generatedAt,
      Документ: [...batch.documents.map(document), ...payments],
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(root) as string}`;
}

const CSV_COLUMNS = [
  'record',
  'id',
  'type',
  'status',
  'number',
  'date',
  'customerId',
  'customerName',
  'customerTaxId',
  'customerKpp',
  'currency',
  'exchangeRate',
  'net',
  'tax',
  'total',
] as const;
const NUMERIC = new Set(['exchangeRate', 'net', 'tax', 'total']);

/** One row per document and per payment, the same columns for both (payments leave tax empty). */
export function accountingCsv(batch: AccountingBatch): string {
  const rows = [
    ...batch.documents.map((d) => [
      'document',
      d.id,
      d.type,
      d.status,
      d.number,
      d.issueDate,
      d.customerId,
      d.recipient?.name ?? '',
      d.recipient?.taxId ?? '',
      d.recipient?.kpp ?? '',
      d.currency,
      d.exchangeRate ?? '1',
      d.totals.net,
      d.totals.tax,
      d.totals.total,
    ]),
    ...batch.payments.map((p) => [
      'payment',
      p.id,
      'payment',
      'received',
      p.externalId ?? '',
      p.receivedOn,
      p.customerId ?? '',
      p.customerName,
      '',
      '',
      p.currency,
      '1',
      '',
      '',
      p.amount,
    ]),
  ];
  const columns = CSV_COLUMNS.map((name) => ({
    name,
    type: NUMERIC.has(name) ? ('number' as const) : ('text' as const),
  }));
  return stringify([
    CSV_COLUMNS as unknown as string[],
    ...rows.map((r) => r.map((v, i) => neutralizeCell(v, columns[i]!))),
  ]);
}

export function accountingFile(format: AccountingFormat, batch: AccountingBatch, generatedAt: string): string {
  return format === 'csv' ? accountingCsv(batch) : commerceMl(batch, generatedAt);
}
