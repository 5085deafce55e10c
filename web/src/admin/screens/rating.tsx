import {
  BooleanInput,
  Create,
  CreateButton,
  Datagrid,
  DateField,
  DateInput,
  Edit,
  EditButton,
  FilterButton,
  NumberField,
  NumberInput,
  ReferenceManyField,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { canEdit } from '../../shared/auth-provider.ts';
import { ActionButton, ActionDialog, Editable } from '../ui/actions.tsx';
import { saveRate, type RateInput } from '../calls/catalog.ts';
import { EmptyState } from '../ui/empty.tsx';
import { FileImport, type ImportOutcome } from '../ui/file-import.tsx';
import { PlainList } from '../ui/lists.tsx';
import { deleteRate, importDestinations, importRates, type Rate, type RatePlan } from '../calls/usage.ts';
import { AssignmentsOf } from './rate-plan-assignments.tsx';
import { CursorPagination } from '../../shared/CursorPagination.tsx';

const csv = '.csv,text/csv';

/** A rate sheet sent as CSV; the dialog then shows what changed and every refused line. */
function ImportRates({ plan }: { plan: RatePlan }) {
  return (
    <FileImport<{ replace?: boolean }>
      label="tollbook.rating.import_rates"
      accept={csv}
      defaultValues={{ replace: false }}
      upload={async (file, v): Promise<ImportOutcome> => {
        const r = await importRates(plan.id, file, Boolean(v.replace));
        return {
          summary: 'tollbook.rating.rates_imported',
          summaryArgs: { ...r, rejectedCount: r.rejected.length },
          rejected: r.rejected,
        };
      }}
    >
      <BooleanInput source="replace" label="tollbook.rating.replace" helperText="tollbook.rating.replace_help" />
      <p>{'prefix, pricePerMinute, connectionFee, minimumSeconds, incrementSeconds, name'}</p>
    </FileImport>
  );
}

function ImportDestinations() {
  return (
    <FileImport
      label="tollbook.rating.import_destinations"
      accept={csv}
      upload={async (file): Promise<ImportOutcome> => {
        const r = await importDestinations(file);
        return {
          summary: 'tollbook.rating.destinations_imported',
          summaryArgs: { ...r, rejectedCount: r.rejected.length },
          rejected: r.rejected,
        };
      }}
    >
      <p>{'prefix, name'}</p>
    </FileImport>
  );
}

export const RatePlanList = () => (
  <PlainList
    actions={
      <TopToolbar>
        <Editable>
          <CreateButton />
        </Editable>
      </TopToolbar>
    }
    empty={
      <EmptyState text="tollbook.rating.plans_empty">
        <Editable>
          <CreateButton variant="contained" />
        </Editable>
      </EmptyState>
    }
  >
    <TextField source="name" />
    <TextField source="currency" />
    <TextField source="validFrom" emptyText="—" />
    <TextField source="validTo" emptyText="—" />
    <NumberField source="rateCount" />
    <DateField source="updatedAt" />
  </PlainList>
);

const PlanFields = ({ creating }: { creating?: boolean }) => (
  <SimpleForm>
    <TextInput source="name" validate={required()} sx={{ minWidth: 400 }} />
    {creating ? <TextInput source="currency" validate={required()} defaultValue="EUR" /> : null}
    <DateInput source="validFrom" />
    <DateInput source="validTo" />
  </SimpleForm>
);

/** A new plan starts without rates: they come from a CSV sheet on its page. */
export const RatePlanCreate = () => (
  <Create redirect="show">
    <PlanFields creating />
  </Create>
);

export const RatePlanEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <PlanFields />
  </Edit>
);

/** A rate row's delete, asking first. */
function DeleteRate() {
  const rate = useRecordContext<Rate & { ratePlanId: string }>();
  if (!rate) return null;
  return (
    <ActionButton
      label="ra.action.delete"
      color="error"
      confirm="tollbook.rating.confirm_delete_rate"
      done="tollbook.rating.rate_deleted"
      action={() => deleteRate(rate.ratePlanId, rate.prefix)}
    />
  );
}

/**
 * One rate added to a plan, or a prefix's rate changed (the same call: rates are kept by prefix).
 * The API's field errors land beside the inputs.
 */
function SaveRate({ planId, rate }: { planId: string; rate?: Rate }) {
  const given = (v: RateInput) =>
    Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '' && x !== null && x !== undefined)) as RateInput;
  return (
    <ActionDialog<RateInput>
      label={rate ? 'tollbook.rating.edit_rate' : 'tollbook.rating.add_rate'}
      done="tollbook.rating.rate_saved"
      defaultValues={
        rate
          ? {
              prefix: rate.prefix,
              pricePerMinute: rate.pricePerMinute,
              connectionFee: rate.connectionFee,
              minimumSeconds: rate.minimumSeconds,
              incrementSeconds: rate.incrementSeconds,
            }
          : {}
      }
      action={(v) => saveRate(planId, given(v))}
    >
      <TextInput
        source="prefix"
        label="resources.rates.fields.prefix"
        validate={required()}
        readOnly={Boolean(rate)}
        helperText="tollbook.rating.prefix_help"
      />
      <TextInput source="pricePerMinute" label="resources.rates.fields.pricePerMinute" validate={required()} />
      <TextInput source="connectionFee" label="resources.rates.fields.connectionFee" />
      <NumberInput source="minimumSeconds" label="resources.rates.fields.minimumSeconds" />
      <NumberInput source="incrementSeconds" label="resources.rates.fields.incrementSeconds" />
    </ActionDialog>
  );
}

function EditRate() {
  const rate = useRecordContext<Rate & { ratePlanId: string }>();
  return rate ? <SaveRate planId={rate.ratePlanId} rate={rate} /> : null;
}

function PlanActions() {
  const plan = useRecordContext<RatePlan>();
  return (
    <TopToolbar>
      {plan ? <SaveRate planId={plan.id} /> : null}
      {plan ? <ImportRates plan={plan} /> : null}
      <Editable>
        <EditButton />
      </Editable>
    </TopToolbar>
  );
}

export const RatePlanShow = () => (
  <Show actions={<PlanActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="currency" />
      <TextField source="validFrom" emptyText="—" />
      <TextField source="validTo" emptyText="—" />
      <NumberField source="rateCount" />
      <AssignmentsOf target="ratePlanId" label="tollbook.assignments.title" />
      <ReferenceManyField
        reference="rates"
        target="ratePlanId"
        label="tollbook.rating.rates"
        perPage={50}
        pagination={<CursorPagination />}
        empty={<EmptyState text="tollbook.rating.rates_empty" />}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="prefix" />
          <TextField source="destination" emptyText="—" />
          <TextField source="pricePerMinute" textAlign="right" />
          <TextField source="connectionFee" textAlign="right" />
          <NumberField source="minimumSeconds" />
          <NumberField source="incrementSeconds" />
          <EditRate />
          <DeleteRate />
        </Datagrid>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);

const destinationFilters = [
  <TextInput key="prefix" source="prefix" alwaysOn />,
  <TextInput key="q" source="q" alwaysOn />,
];

export function DestinationList() {
  const { permissions } = usePermissions();
  return (
    <PlainList
      filters={destinationFilters}
      rowClick={canEdit(permissions) ? 'edit' : false}
      actions={
        <TopToolbar>
          <FilterButton />
          <Editable>
            <CreateButton />
          </Editable>
          <ImportDestinations />
        </TopToolbar>
      }
      empty={
        <EmptyState text="tollbook.rating.destinations_empty">
          <Editable>
            <CreateButton variant="contained" />
          </Editable>
          <ImportDestinations />
        </EmptyState>
      }
    >
      <TextField source="prefix" />
      <TextField source="name" />
      <DateField source="createdAt" />
    </PlainList>
  );
}

export const DestinationCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <TextInput source="prefix" validate={required()} helperText="tollbook.rating.prefix_help" />
      <TextInput source="name" validate={required()} sx={{ minWidth: 400 }} />
    </SimpleForm>
  </Create>
);

/** Only the name changes: a prefix is what the destination is. */
export const DestinationEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm>
      <TextInput source="prefix" readOnly />
      <TextInput source="name" validate={required()} sx={{ minWidth: 400 }} />
    </SimpleForm>
  </Edit>
);
