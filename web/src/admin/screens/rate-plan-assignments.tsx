import {
  Create,
  CreateButton,
  Datagrid,
  DateField,
  DateInput,
  DeleteButton,
  Edit,
  EditButton,
  FilterButton,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  SimpleForm,
  TextField,
  TopToolbar,
  required,
  usePermissions,
  useRecordContext,
  type RaRecord,
} from 'react-admin';
import { canEdit } from '../../shared/auth-provider.ts';
import { Editable } from '../ui/actions.tsx';
import { EmptyState } from '../ui/empty.tsx';
import { PlainList } from '../ui/lists.tsx';
import type { RatePlanAssignment } from '../calls/usage.ts';
import { CursorPagination } from '../../shared/CursorPagination.tsx';

// A customer's calls are rated with the plan assigned to it on the day of the call. The API keeps
// a customer's assignments from overlapping and answers why when they would; the forms show its
// field errors next to the fields.

const resource = 'rate-plan-assignments';
const useCanEdit = () => canEdit(usePermissions().permissions);

const filters = [
  <ReferenceInput key="customerId" source="customerId" reference="customers" alwaysOn />,
  <ReferenceInput key="ratePlanId" source="ratePlanId" reference="rate-plans" alwaysOn />,
];

/** Opens the assignment form with the customer or the plan of the page it is pressed on. */
function AssignButton({ record, variant }: { record: Partial<RatePlanAssignment>; variant?: 'contained' }) {
  return (
    <Editable>
      <CreateButton resource={resource} label="tollbook.assignments.assign" state={{ record }} variant={variant} />
    </Editable>
  );
}

const DatesFields = () => (
  <>
    <DateInput source="validFrom" validate={required()} helperText="tollbook.assignments.valid_from_help" />
    <DateInput source="validTo" helperText="tollbook.assignments.valid_to_help" />
  </>
);

/** Every assignment of the tenant, narrowed to a customer or a plan; a row opens its dates for editing roles. */
export const AssignmentList = () => (
  <PlainList
    filters={filters}
    rowClick={useCanEdit() ? 'edit' : false}
    actions={
      <TopToolbar>
        <FilterButton />
        <AssignButton record={{}} />
      </TopToolbar>
    }
    empty={
      <EmptyState text="tollbook.assignments.empty">
        <AssignButton record={{}} variant="contained" />
      </EmptyState>
    }
  >
    <ReferenceField source="customerId" reference="customers" link="show" />
    <ReferenceField source="ratePlanId" reference="rate-plans" link="show" />
    <TextField source="validFrom" />
    <TextField source="validTo" emptyText="—" />
    <DateField source="createdAt" />
  </PlainList>
);

// After saving, the customer's page: its assignments are listed there with the others.
const toCustomer = (_resource?: string, _id?: unknown, data?: Partial<RaRecord>) =>
  data?.customerId ? `customers/${String(data.customerId)}/show` : resource;

export const AssignmentCreate = () => (
  <Create redirect={toCustomer}>
    <SimpleForm>
      <ReferenceInput source="customerId" reference="customers">
        <SelectInput validate={required()} sx={{ minWidth: 400 }} />
      </ReferenceInput>
      <ReferenceInput source="ratePlanId" reference="rate-plans">
        <SelectInput validate={required()} sx={{ minWidth: 400 }} />
      </ReferenceInput>
      <DatesFields />
    </SimpleForm>
  </Create>
);

/** Only the dates change: another plan is another assignment. */
export const AssignmentEdit = () => (
  <Edit mutationMode="pessimistic" redirect={toCustomer}>
    <SimpleForm>
      <ReferenceField source="customerId" reference="customers" link={false} />
      <ReferenceField source="ratePlanId" reference="rate-plans" link={false} />
      <DatesFields />
    </SimpleForm>
  </Edit>
);

/**
 * The assignments of the customer or plan whose page this is (`target` names which), newest
 * first as the API lists them, with the button assigning one more.
 */
// `label` is read by the show layout the list is put in.
export function AssignmentsOf({ target }: { target: 'customerId' | 'ratePlanId'; label?: string }) {
  const record = useRecordContext<{ id: string }>();
  if (!record) return null;
  const other = target === 'customerId' ? 'ratePlanId' : 'customerId';
  return (
    <ReferenceManyField
      reference={resource}
      target={target}
      label="tollbook.assignments.title"
      perPage={25}
      pagination={<CursorPagination />}
      empty={
        <EmptyState text={`tollbook.assignments.empty_${target === 'customerId' ? 'customer' : 'plan'}`}>
          <AssignButton record={{ [target]: record.id }} variant="contained" />
        </EmptyState>
      }
    >
      <AssignButton record={{ [target]: record.id }} />
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <ReferenceField
          source={other}
          reference={other === 'ratePlanId' ? 'rate-plans' : 'customers'}
          link="show"
          label={`resources.${resource}.fields.${other}`}
        />
        <TextField source="validFrom" label={`resources.${resource}.fields.validFrom`} />
        <TextField source="validTo" emptyText="—" label={`resources.${resource}.fields.validTo`} />
        <Editable>
          <EditButton />
        </Editable>
        <Editable>
          <DeleteButton mutationMode="pessimistic" redirect={false} />
        </Editable>
      </Datagrid>
    </ReferenceManyField>
  );
}
