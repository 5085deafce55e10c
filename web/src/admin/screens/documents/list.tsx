import { DateInput, ReferenceField, ReferenceInput, SelectInput, TextField, TextInput } from 'react-admin';
import { choices, documentStatuses, documentTypes, paymentStatuses } from '../../ui/choices.ts';
import { MoneyField } from '../../ui/fields.tsx';
import { PlainList } from '../../ui/lists.tsx';
import { Editable } from '../../ui/actions.tsx';
import type { Doc } from '../../calls/documents.ts';
import { BulkDocumentActions } from './bulk.tsx';
import { ExportButtons } from './exports.tsx';

const filters = [
  <SelectInput key="status" source="status" choices={choices(documentStatuses)} alwaysOn />,
  <SelectInput key="type" source="type" choices={choices(documentTypes)} alwaysOn />,
  <SelectInput key="paymentStatus" source="paymentStatus" choices={choices(paymentStatuses)} alwaysOn />,
  <ReferenceInput key="customerId" source="customerId" reference="customers" />,
  <TextInput key="number" source="number" />,
  <DateInput key="periodStart" source="periodStart" />,
  <DateInput key="periodEnd" source="periodEnd" />,
  <DateInput key="issueDateFrom" source="issueDateFrom" />,
  <DateInput key="issueDateTo" source="issueDateTo" />,
];

/** Documents with filters; ticking rows offers issue, cancel and delete for the selection. */
export const DocumentList = () => (
  <PlainList
    filters={filters}
    actions={<ExportButtons />}
    bulkActions={
      <Editable>
        <BulkDocumentActions />
      </Editable>
    }
  >
    <TextField source="number" emptyText="—" />
    <TextField source="type" />
    <ReferenceField source="customerId" reference="customers" link={false} />
    <TextField source="periodStart" />
    <TextField source="periodEnd" />
    <TextField source="status" />
    <TextField source="paymentStatus" emptyText="—" />
    <MoneyField<Doc> source="totals.total" amount={(d) => d.totals.total} />
    <MoneyField<Doc> source="totals.open" amount={(d) => d.totals.open} />
  </PlainList>
);
