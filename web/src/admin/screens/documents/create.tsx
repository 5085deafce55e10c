import {
  Create,
  DateInput,
  FormDataConsumer,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
} from 'react-admin';
import { choices, documentTypes } from '../../ui/choices.ts';

/** The last whole month, the period a document made by hand most often bills. */
export function lastMonth(today = new Date()): { periodStart: string; periodEnd: string } {
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 0));
  return { periodStart: start.toISOString().slice(0, 10), periodEnd: end.toISOString().slice(0, 10) };
}

const issuedInvoices = (customerId?: string) => ({
  type: 'invoice',
  status: 'issued',
  ...(customerId ? { customerId } : {}),
});

type Values = { type?: string; customerId?: string };

const creditFields = ['creditedDocumentId', 'amount', 'reason'];

/** Sends only the fields of the chosen type: the form keeps hidden inputs' values while the type changes. */
export function fieldsOfType(values: Record<string, unknown>): Record<string, unknown> {
  const credit = values.type === 'credit_note';
  const accompanies = values.type === 'act' || values.type === 'vat_invoice';
  return Object.fromEntries(
    Object.entries(values).filter(([k]) =>
      k === 'type'
        ? true
        : credit
          ? creditFields.includes(k)
          : !creditFields.includes(k) && (accompanies || k !== 'accompaniesDocumentId'),
    ),
  );
}

/**
 * A draft made by hand (`POST /documents`): a type, a customer and a period; an act or VAT invoice
 * names the issued invoice it accompanies, a credit note the invoice it credits (and is issued at
 * once). Opened from the documents list or from a customer's page with that customer chosen.
 */
export const DocumentCreate = () => (
  <Create redirect="show" transform={fieldsOfType}>
    <SimpleForm defaultValues={{ type: 'invoice', ...lastMonth() }}>
      <SelectInput source="type" choices={choices(documentTypes)} validate={required()} />
      <FormDataConsumer<Values>>
        {({ formData }) =>
          formData.type === 'credit_note' ? (
            <>
              <ReferenceInput source="creditedDocumentId" reference="documents" filter={issuedInvoices()}>
                <SelectInput optionText={(d) => d.number ?? d.id} validate={required()} />
              </ReferenceInput>
              <TextInput source="amount" helperText="tollbook.new_document.amount_help" />
              <TextInput source="reason" sx={{ minWidth: 400 }} />
            </>
          ) : (
            <>
              <ReferenceInput source="customerId" reference="customers">
                <SelectInput optionText="name" validate={required()} />
              </ReferenceInput>
              <ReferenceInput
                source="contractId"
                reference="contracts"
                filter={formData.customerId ? { customerId: formData.customerId } : {}}
              >
                <SelectInput optionText="name" emptyText="—" helperText="tollbook.new_document.contract_help" />
              </ReferenceInput>
              <DateInput source="periodStart" validate={required()} />
              <DateInput source="periodEnd" validate={required()} sx={{ ml: 2 }} />
              {formData.type === 'act' || formData.type === 'vat_invoice' ? (
                <ReferenceInput
                  source="accompaniesDocumentId"
                  reference="documents"
                  filter={issuedInvoices(formData.customerId)}
                >
                  <SelectInput optionText={(d) => d.number ?? d.id} validate={required()} />
                </ReferenceInput>
              ) : null}
              <NumberInput source="paymentTermsDays" helperText="tollbook.new_document.scheme_help" />
              <TextInput source="taxRate" helperText="tollbook.new_document.scheme_help" />
            </>
          )
        }
      </FormDataConsumer>
    </SimpleForm>
  </Create>
);
