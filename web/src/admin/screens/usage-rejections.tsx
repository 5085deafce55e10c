import { useState } from 'react';
import {
  Button,
  Confirm,
  DateField,
  FunctionField,
  NumberField,
  ReferenceField,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  usePermissions,
  useListContext,
  useTranslate,
} from 'react-admin';
import { canEdit } from '../../shared/auth-provider.ts';
import { Editable, useRun } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { EmptyState } from '../ui/empty.tsx';
import { PlainList } from '../ui/lists.tsx';
import {
  discardRejection,
  reprocessRejections,
  type Reprocess,
  type ReprocessResult,
  type UsageRejection,
} from '../calls/usage.ts';

// Usage rows the tenant's switches, files and API batches sent that could not be stored (an
// unknown account code, a bad time…). Once the cause is fixed (a customer mapping, say) staff run
// them through ingestion again; rows that will never be billed are discarded.

const statuses = choices(['open', 'resolved', 'discarded']);

const filters = [
  <SelectInput key="status" source="status" choices={statuses} alwaysOn />,
  <TextInput key="source" source="source" alwaysOn />,
  <TextInput key="code" source="code" alwaysOn />,
  <TextInput key="importId" source="importId" />,
];

/** The row as it came, on one line (long rows cut short; the import's page has its file). */
function rawRow(r: UsageRejection) {
  const text = typeof r.raw === 'string' ? r.raw : JSON.stringify(r.raw);
  return text && text.length > 140 ? `${text.slice(0, 140)}…` : (text ?? '');
}

const why = (r: UsageRejection) =>
  [r.detail, ...r.errors.map((e) => `${e.field}: ${e.message}`)].filter(Boolean).join(' — ');

const reprocessed = 'tollbook.rejections.reprocessed';
const counts = (r: ReprocessResult) => ({ ...r });

/** Confirms, then runs the call and says how it went; the list is read again after. */
function ConfirmedButton(props: {
  label: string;
  confirm: string;
  count?: number;
  color?: 'error';
  run: () => Promise<unknown>;
}) {
  const translate = useTranslate();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button label={props.label} color={props.color} onClick={() => setAsking(true)} />
      <Confirm
        isOpen={asking}
        title={props.label}
        content={translate(props.confirm, { count: props.count ?? '' })}
        onConfirm={async () => {
          setAsking(false);
          await props.run();
        }}
        onClose={() => setAsking(false)}
      />
    </>
  );
}

/** Reprocess or discard the ticked rows (rows no longer open are left as they are by the API). */
function SelectedActions() {
  const { selectedIds, onUnselectItems } = useListContext();
  const run = useRun();
  const ids = selectedIds.map(String);
  return (
    <>
      <ConfirmedButton
        label="tollbook.rejections.reprocess_selected"
        confirm="tollbook.rejections.confirm_reprocess_selected"
        count={ids.length}
        run={async () => {
          await run(() => reprocessRejections({ ids }), reprocessed, counts);
          onUnselectItems();
        }}
      />
      <ConfirmedButton
        label="tollbook.rejections.discard_selected"
        confirm="tollbook.rejections.confirm_discard"
        count={ids.length}
        color="error"
        run={async () => {
          await run(
            async () => {
              for (const id of ids) await discardRejection(id);
              return ids.length;
            },
            'tollbook.rejections.discarded',
            (count) => ({ count }),
          );
          onUnselectItems();
        }}
      />
    </>
  );
}

/** Every open row the filters (source, code, import) match, run through ingestion again. */
function ReprocessMatching() {
  const { filterValues } = useListContext();
  const run = useRun();
  const { source, code, importId } = filterValues as Reprocess;
  const body: Reprocess = {
    ...(source ? { source } : {}),
    ...(code ? { code } : {}),
    ...(importId ? { importId } : {}),
  };
  return (
    <Editable>
      <ConfirmedButton
        label="tollbook.rejections.reprocess_all"
        confirm="tollbook.rejections.confirm_reprocess_all"
        run={() => run(() => reprocessRejections(body), reprocessed, counts)}
      />
    </Editable>
  );
}

/** One row's discard, offered while it is open. */
function DiscardOne() {
  const run = useRun();
  return (
    <FunctionField<UsageRejection>
      render={(r) =>
        r.status === 'open' ? (
          <span onClick={(e) => e.stopPropagation()}>
            <ConfirmedButton
              label="tollbook.rejections.discard"
              confirm="tollbook.rejections.confirm_discard"
              count={1}
              color="error"
              run={() =>
                run(
                  () => discardRejection(r.id),
                  'tollbook.rejections.discarded',
                  () => ({ count: 1 }),
                )
              }
            />
          </span>
        ) : null
      }
    />
  );
}

/** Rejected usage rows across the tenant, open ones by default, with why each was refused. */
export function UsageRejectionList() {
  const { permissions } = usePermissions();
  const editable = canEdit(permissions);
  return (
    <PlainList
      filters={filters}
      filterDefaultValues={{ status: 'open' }}
      rowClick={false}
      bulkActions={editable ? <SelectedActions /> : false}
      actions={
        <TopToolbar>
          <ReprocessMatching />
        </TopToolbar>
      }
      empty={<EmptyState text="tollbook.rejections.empty" />}
      noResults={<EmptyState text="tollbook.rejections.none_matching" />}
    >
      <DateField source="createdAt" showTime />
      <TextField source="source" emptyText="—" />
      <ReferenceField source="importId" reference="usage-imports" link="show" emptyText="—" />
      <NumberField source="line" emptyText="—" />
      <TextField source="code" />
      <FunctionField<UsageRejection> source="detail" render={why} />
      <FunctionField<UsageRejection>
        source="raw"
        sortable={false}
        render={(r) => <code style={{ fontSize: '0.8em', wordBreak: 'break-all' }}>{rawRow(r)}</code>}
      />
      <TextField source="status" />
      {editable ? <DiscardOne /> : null}
    </PlainList>
  );
}
