import {
  DateInput,
  FilterButton,
  FunctionField,
  NumberField,
  ReferenceInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { choices } from '../ui/choices.ts';
import { EmptyState } from '../ui/empty.tsx';
import { PlainList } from '../ui/lists.tsx';
import type { UsageTotals } from '../calls/operations.ts';

type Row = UsageTotals['data'][number] & { total: boolean };

const filters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn />,
  <DateInput key="fromDay" source="fromDay" alwaysOn />,
  <DateInput key="toDay" source="toDay" alwaysOn />,
  <TextInput key="destination" source="destination" helperText="tollbook.usage.destination_help" alwaysOn />,
  <SelectInput
    key="rated"
    source="rated"
    choices={[
      { id: 'true', name: 'tollbook.usage.rated' },
      { id: 'false', name: 'tollbook.usage.unrated' },
    ]}
  />,
  <SelectInput key="direction" source="direction" choices={choices(['outbound', 'inbound'])} />,
  <SelectInput
    key="external"
    source="external"
    choices={[
      { id: 'true', name: 'tollbook.totals.external' },
      { id: 'false', name: 'tollbook.totals.internal' },
    ]}
  />,
  <TextInput key="source" source="source" alwaysOn />,
];

function Destination({ row }: { row: Row }) {
  const t = useTranslate();
  if (row.total) return <strong>{t('tollbook.totals.total', { currency: row.currency ?? '—' })}</strong>;
  return <>{row.prefix ? `${row.prefix} ${row.destination ?? ''}` : t('tollbook.totals.no_destination')}</>;
}

/** Calls, minutes and amounts per destination for the filters, then the sums per currency. */
export const UsageTotalsList = () => (
  <PlainList
    filters={filters}
    actions={
      <TopToolbar>
        <FilterButton />
      </TopToolbar>
    }
    rowClick={false}
    empty={<EmptyState text="tollbook.totals.empty" />}
    noResults={<EmptyState text="tollbook.totals.empty" />}
  >
    <FunctionField<Row> source="destination" sortable={false} render={(r) => <Destination row={r} />} />
    <NumberField source="calls" sortable={false} />
    <NumberField source="unratedCalls" sortable={false} />
    <FunctionField<Row>
      source="billableSeconds"
      sortable={false}
      textAlign="right"
      render={(r) => (r.billableSeconds / 60).toFixed(1)}
    />
    <FunctionField<Row>
      source="amount"
      sortable={false}
      textAlign="right"
      render={(r) => `${r.amount} ${r.currency ?? ''}`}
    />
  </PlainList>
);
