import { Box, LinearProgress, Typography } from '@mui/material';
import {
  BooleanField,
  Datagrid,
  DateField,
  DateInput,
  FilterButton,
  FunctionField,
  NumberField,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { ActionButton, ActionDialog } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { EmptyState } from '../ui/empty.tsx';
import { FileImport } from '../ui/file-import.tsx';
import { PlainList } from '../ui/lists.tsx';
import {
  rerateUsage,
  resumeUsageImport,
  uploadUsage,
  type Rerate,
  type UsageImport,
  type UsageRecord,
  type UsageUpload,
} from '../calls/usage.ts';
import type { Schemas } from '../../api/client.ts';
import { CursorPagination } from '../../shared/CursorPagination.tsx';

type Unrated = Schemas['UnratedCount'];
type RerateResult = Schemas['RerateResult'];

const ratedChoices = [
  { id: 'true', name: 'tollbook.usage.rated' },
  { id: 'false', name: 'tollbook.usage.unrated' },
];

const usageFilters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn />,
  <DateInput key="fromDay" source="fromDay" alwaysOn />,
  <DateInput key="toDay" source="toDay" alwaysOn />,
  <TextInput key="destination" source="destination" helperText="tollbook.usage.destination_help" alwaysOn />,
  <SelectInput key="rated" source="rated" choices={ratedChoices} alwaysOn />,
  <SelectInput key="direction" source="direction" choices={choices(['outbound', 'inbound'])} />,
  <TextInput key="source" source="source" />,
];

const price = (r: UsageRecord) => (r.price === null ? '—' : `${r.price} ${r.currency ?? ''}`);

/** Usage records (calls) with filters: customer, days, destination prefix (% wildcard), rated or not. */
export const UsageRecordList = () => (
  <PlainList
    filters={usageFilters}
    actions={
      <TopToolbar>
        <FilterButton />
      </TopToolbar>
    }
    empty={<EmptyState text="tollbook.usage.empty">{<UploadUsage />}</EmptyState>}
  >
    <DateField source="startedAt" showTime />
    <ReferenceField source="customerId" reference="customers" link={false} emptyText="—" />
    <TextField source="caller" />
    <TextField source="callee" />
    <TextField source="destination" emptyText="—" />
    <NumberField source="durationSeconds" />
    <FunctionField<UsageRecord> source="price" textAlign="right" render={price} />
    <FunctionField<UsageRecord> source="rated" render={(r) => (r.rated ? '✓' : (r.unratedReason ?? '✗'))} />
  </PlainList>
);

export const UsageRecordShow = () => (
  <Show>
    <SimpleShowLayout>
      <DateField source="startedAt" showTime />
      <ReferenceField source="customerId" reference="customers" emptyText="—" />
      <TextField source="source" />
      <TextField source="externalId" />
      <TextField source="direction" />
      <BooleanField source="external" />
      <TextField source="caller" />
      <TextField source="callee" />
      <TextField source="destinationPrefix" emptyText="—" />
      <TextField source="destination" emptyText="—" />
      <NumberField source="durationSeconds" />
      <NumberField source="billableSeconds" emptyText="—" />
      <FunctionField<UsageRecord> source="price" render={price} />
      <BooleanField source="rated" />
      <TextField source="unratedReason" emptyText="—" />
      <ReferenceField source="ratePlanId" reference="rate-plans" emptyText="—" />
      <ReferenceField source="documentId" reference="documents" link="show" emptyText="—" />
      <ReferenceField source="importId" reference="usage-imports" link="show" emptyText="—" />
    </SimpleShowLayout>
  </Show>
);

const reasons = (r: Unrated) =>
  Object.entries(r.reasons)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');

/** After a missing rate is added: the customer's calls of those days are priced again. */
function RerateUsage() {
  return (
    <ActionDialog<Rerate, RerateResult>
      label="tollbook.usage.rerate"
      done="tollbook.usage.rerated"
      doneArgs={(r) => ({
        ...r,
        documents: r.documentsNeedingRegeneration.length,
        creditNotes: r.creditNotes.length,
      })}
      action={rerateUsage}
      defaultValues={{ issuedDocuments: 'refuse' }}
    >
      <ReferenceInput source="customerId" reference="customers">
        <SelectInput validate={required()} label="resources.usage-records.fields.customerId" fullWidth />
      </ReferenceInput>
      <DateInput source="fromDay" validate={required()} label="resources.usage-records.fields.fromDay" />
      <DateInput source="toDay" validate={required()} label="resources.usage-records.fields.toDay" />
      <TextInput
        source="destination"
        label="resources.usage-records.fields.destination"
        helperText="tollbook.usage.destination_help"
      />
      <SelectInput
        source="issuedDocuments"
        label="tollbook.usage.issued_documents"
        choices={[
          { id: 'refuse', name: 'tollbook.usage.issued_refuse' },
          { id: 'credit', name: 'tollbook.usage.issued_credit' },
        ]}
        fullWidth
      />
    </ActionDialog>
  );
}

/** Unrated calls per customer with their reasons; a row opens that customer's unrated calls. */
export const UnratedUsageList = () => (
  <PlainList
    filters={[<DateInput key="fromDay" source="fromDay" alwaysOn />, <DateInput key="toDay" source="toDay" alwaysOn />]}
    actions={
      <TopToolbar>
        <RerateUsage />
      </TopToolbar>
    }
    empty={<EmptyState text="tollbook.usage.unrated_empty" />}
    rowClick={(id) => `/usage-records?filter=${encodeURIComponent(JSON.stringify({ customerId: id, rated: 'false' }))}`}
  >
    <TextField source="customerName" />
    <NumberField source="unrated" />
    <FunctionField<Unrated> source="reasons" render={reasons} />
  </PlainList>
);

const formats = choices(['csv', 'asterisk', 'freeswitch-csv', 'freeswitch-xml']);

/** Sends a usage file: the import runs in the background and its page follows its progress. */
function UploadUsage() {
  const redirect = useRedirect();
  return (
    <FileImport<UsageUpload>
      label="tollbook.usage.upload"
      accept=".csv,.xml,text/csv,application/xml"
      defaultValues={{ format: 'csv' }}
      upload={async (file, v) => {
        const started = await uploadUsage(file, {
          format: v.format,
          ...(v.source ? { source: v.source } : {}),
          ...(v.timezone ? { timezone: v.timezone } : {}),
          ...(v.mapping ? { mapping: v.mapping } : {}),
        });
        redirect('show', 'usage-imports', started.id);
        return undefined;
      }}
    >
      <SelectInput source="format" choices={formats} label="resources.usage-imports.fields.format" />
      <TextInput source="source" label="resources.usage-imports.fields.source" />
      <TextInput
        source="timezone"
        label="resources.usage-imports.fields.timezone"
        helperText="tollbook.usage.zone_help"
      />
      <TextInput
        source="mapping"
        label="resources.usage-imports.fields.mapping"
        helperText="tollbook.usage.mapping_help"
        fullWidth
      />
    </FileImport>
  );
}

const rows = (i: UsageImport) => `${i.processedRows} / ${i.totalRows}`;

export const UsageImportList = () => (
  <PlainList
    actions={
      <TopToolbar>
        <UploadUsage />
      </TopToolbar>
    }
    empty={
      <EmptyState text="tollbook.usage.imports_empty">
        <UploadUsage />
      </EmptyState>
    }
  >
    <DateField source="createdAt" showTime />
    <TextField source="fileName" emptyText="—" />
    <TextField source="format" />
    <TextField source="source" />
    <TextField source="status" />
    <FunctionField<UsageImport> source="processedRows" render={rows} />
    <NumberField source="accepted" />
    <NumberField source="rejected" />
  </PlainList>
);

function Progress() {
  const i = useRecordContext<UsageImport>();
  const translate = useTranslate();
  if (!i) return null;
  return (
    <Box sx={{ width: 480 }}>
      <LinearProgress
        variant="determinate"
        value={Math.round(i.progress * 100)}
        aria-label={translate('resources.usage-imports.fields.progress')}
      />
      <Typography variant="body2">{`${Math.round(i.progress * 100)} % — ${rows(i)}`}</Typography>
    </Box>
  );
}

function ImportActions() {
  const i = useRecordContext<UsageImport>();
  return (
    <TopToolbar>
      {i && (i.status === 'interrupted' || i.status === 'failed') ? (
        <ActionButton
          label="tollbook.usage.resume"
          done="tollbook.usage.resumed"
          action={() => resumeUsageImport(i.id)}
        />
      ) : null}
    </TopToolbar>
  );
}

// While the import runs it is read again every second and a half, so the bar moves by itself.
const running = new Set(['queued', 'running']);
const whileRunning = {
  refetchInterval: (query: { state: { data?: UsageImport } }) =>
    running.has(query.state.data?.status ?? '') ? 1500 : false,
};

/**
 * The refused rows are read again whenever the import's counts move: the page may open while the
 * file is still being read, and the list would otherwise stay as empty as it was then.
 */
function RefusedRows(_: { label: string }) {
  const i = useRecordContext<UsageImport>();
  return (
    <ReferenceManyField
      key={`${i?.status}:${i?.rejected}`}
      reference="usage-import-rejections"
      target="importId"
      perPage={50}
      pagination={<CursorPagination />}
      empty={<Typography variant="body2">{'—'}</Typography>}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <NumberField source="line" label="tollbook.imports.line" />
        <TextField source="code" label="tollbook.imports.code" />
        <TextField source="detail" label="tollbook.imports.detail" />
        <TextField source="status" label="resources.usage-imports.fields.status" />
      </Datagrid>
    </ReferenceManyField>
  );
}

export const UsageImportShow = () => (
  <Show actions={<ImportActions />} queryOptions={whileRunning as never}>
    <SimpleShowLayout>
      <TextField source="fileName" emptyText="—" />
      <TextField source="format" />
      <TextField source="source" />
      <TextField source="status" />
      <Progress />
      <NumberField source="accepted" />
      <NumberField source="duplicates" />
      <NumberField source="rejected" />
      <NumberField source="skipped" />
      <TextField source="error" emptyText="—" />
      <DateField source="createdAt" showTime />
      <DateField source="finishedAt" showTime emptyText="—" />
      <RefusedRows label="tollbook.imports.rejected_rows" />
    </SimpleShowLayout>
  </Show>
);
