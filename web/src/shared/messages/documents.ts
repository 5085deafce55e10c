// Words of the document screens beyond the first ones (./../messages.ts): bulk actions, downloads, details.

export const en = {
  tollbook: {
    documents: {
      xlsx: 'XLSX',
      ubl: 'E-invoice (UBL)',
      calls_csv: 'Calls (CSV)',
      convert: 'Convert to invoice',
      converted: 'Advance invoice created from the proforma',
      delete: 'Delete draft',
      edit_line: 'Edit description',
      line_saved: 'Line description saved',
    },
    bulk: {
      issue: 'Issue',
      cancel: 'Cancel',
      remove: 'Delete drafts',
      confirm_issue: 'Issue the %{count} selected documents? Each gets its number.',
      confirm_cancel: 'Cancel the %{count} selected documents?',
      confirm_remove: 'Delete the %{count} selected drafts? Issued documents are kept.',
      done: '%{done} done, %{refused} refused %{reasons}',
    },
    exports: {
      documents_csv: 'Export CSV',
      documents_xlsx: 'Export XLSX',
      lines_xlsx: 'Lines XLSX',
    },
    details: {
      title: 'Details per destination',
      prefix: 'Prefix',
      prefix_help: '% is a wildcard: 34%, %67',
      destination: 'Destination',
      rate: 'Rate / min',
      calls: 'Calls',
      minutes: 'Minutes',
      price: 'Amount',
    },
  },
  resources: {
    documents: {
      fields: {
        renderError: 'Render error',
        convertedToDocumentId: 'Converted to',
        convertedFromDocumentId: 'Converted from',
        paymentTermsDays: 'Payment terms (days)',
      },
    },
  },
};

export const ru: typeof en = {
  tollbook: {
    documents: {
      xlsx: 'XLSX',
      ubl: 'Эл. счёт (UBL)',
      calls_csv: 'Звонки (CSV)',
      convert: 'Преобразовать в счёт',
      converted: 'Из проформы создан авансовый счёт',
      delete: 'Удалить черновик',
      edit_line: 'Изменить описание',
      line_saved: 'Описание строки сохранено',
    },
    bulk: {
      issue: 'Выставить',
      cancel: 'Аннулировать',
      remove: 'Удалить черновики',
      confirm_issue: 'Выставить выбранные документы (%{count})? Каждый получит номер.',
      confirm_cancel: 'Аннулировать выбранные документы (%{count})?',
      confirm_remove: 'Удалить выбранные черновики (%{count})? Выставленные документы останутся.',
      done: 'Выполнено: %{done}, отказано: %{refused} %{reasons}',
    },
    exports: {
      documents_csv: 'Выгрузить CSV',
      documents_xlsx: 'Выгрузить XLSX',
      lines_xlsx: 'Строки XLSX',
    },
    details: {
      title: 'Детализация по направлениям',
      prefix: 'Префикс',
      prefix_help: '% — любые цифры: 34%, %67',
      destination: 'Направление',
      rate: 'Цена / мин',
      calls: 'Звонков',
      minutes: 'Минут',
      price: 'Сумма',
    },
  },
  resources: {
    documents: {
      fields: {
        renderError: 'Ошибка формирования',
        convertedToDocumentId: 'Преобразован в',
        convertedFromDocumentId: 'Создан из',
        paymentTermsDays: 'Срок оплаты (дней)',
      },
    },
  },
};
