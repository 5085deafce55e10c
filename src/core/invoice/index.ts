export { computeInvoice } from './computation.ts';
export { computeDocument, validateDocumentInput } from './compute-document.ts';
export {
  InvoiceInputError,
  validateInvoiceInput,
  validateInvoiceParameters,
  type FieldError,
  type InvoiceParameters,
} from './parameters.ts';
export {
  checkDocumentRules,
  checkInvoiceRules,
  INVOICE_RULE_ORDER,
  DATA_INCONSISTENT_DETAIL,
  type InvoiceRuleCode,
  type InvoiceRuleFacts,
  type InvoiceRuleViolation,
} from './rules.ts';
export type {
  ComputedLine,
  ChargeItem,
  ChargeKind,
  ComputedLineKind,
  DocumentComputation,
  DocumentInput,
  DocumentTotals,
  FixedCostItem,
  InvoiceComputation,
  InvoiceInput,
  InvoiceTotals,
  TaxBreakdownEntry,
  UsageGroup,
} from './types.ts';
