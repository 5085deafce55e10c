/** Select-input choices whose labels are the API's own values (translated where messages name them). */
export const choices = (ids: readonly string[]) => ids.map((id) => ({ id, name: id }));

export const documentTypes = ['invoice', 'proforma', 'act', 'vat_invoice', 'credit_note', 'reconciliation'] as const;
export const documentStatuses = ['draft', 'issued', 'cancelled'] as const;
export const paymentStatuses = ['unpaid', 'partially_paid', 'paid', 'overdue'] as const;
