import {
  DateInput,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TextInput,
  usePermissions,
} from 'react-admin';
import { canEdit } from '../../../shared/auth-provider.ts';
import { choices, documentStatuses, documentTypes, paymentStatuses } from '../../ui/choices.ts';
import { MoneyField } from '../../ui/fields.tsx';
import { PlainList } from '../../ui/lists.tsx';
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

/**
 * Documents with filters; ticking rows offers bulk actions on the selection (issue, cancel, delete,
 * recalculate, send). Viewers get no tick boxes.
 */
export function DocumentList() {
  const { permissions } = usePermissions();
  return (
    <PlainList
      filters={filters}
      actions={<ExportButtons />}
      bulkActions={canEdit(permissions) ? <BulkDocumentActions /> : false}
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
}
