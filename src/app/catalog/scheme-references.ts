import { refusedWith, type FieldError } from '../errors.ts';
import type { Session } from '../ports/session.ts';
import type { InvoicingSchemeInput, SchemeDocumentType } from '../ports/schemes.ts';

const sequenceFields: Array<[keyof InvoicingSchemeInput, SchemeDocumentType]> = [
  ['invoiceNumberSequenceId', 'invoice'],
  ['proformaNumberSequenceId', 'proforma'],
  ['actNumberSequenceId', 'act'],
  ['vatInvoiceNumberSequenceId', 'vat_invoice'],
];

/**
 * Refuses a scheme that names a legal entity, number sequence or template this tenant does not
 * have (another tenant's ids are as unknown as made-up ones), or a sequence kept for another type.
 */
export async function checkSchemeReferences(
  session: Session,
  tenantId: string,
  scheme: Partial<InvoicingSchemeInput>,
): Promise<void> {
  const errors: FieldError[] = [];
  if (scheme.legalEntityId && !(await session.tenancy.getLegalEntity(tenantId, scheme.legalEntityId)))
    errors.push({ field: 'legalEntityId', code: 'UNKNOWN_LEGAL_ENTITY', message: 'no such legal entity' });
  for (const [field, type] of sequenceFields) {
    const id = scheme[field] as string | null | undefined;
    if (!id) continue;
    const sequence = await session.sequences.getSequence(tenantId, id);
    if (!sequence) errors.push({ field, code: 'UNKNOWN_NUMBER_SEQUENCE', message: 'no such number sequence' });
    else if (sequence.documentType !== type)
      errors.push({
        field,
        code: 'SEQUENCE_TYPE_MISMATCH',
        message: `the sequence numbers ${sequence.documentType} documents, not ${type}`,
      });
  }
  for (const [type, id] of Object.entries(scheme.templateIds ?? {})) {
    // Built-in templates are shared by every tenant; the renderer checks their key when rendering.
    if (id.startsWith('builtin-')) continue;
    const template = await session.templates.getTemplate(tenantId, id);
    if (!template) errors.push({ field: `templateIds.${type}`, code: 'UNKNOWN_TEMPLATE', message: 'no such template' });
  }
  if (errors.length)
    throw refusedWith(errors[0]!.code, `The scheme refers to what does not exist: ${errors[0]!.field}`, errors);
}
