import {
  ArrayField,
  Datagrid,
  DateField,
  DeleteButton,
  FunctionField,
  Labeled,
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
  useShowContext,
  useTranslate,
} from 'react-admin';
import { Box, Typography } from '@mui/material';
import { ActionButton, ActionDialog, Editable } from '../../ui/actions.tsx';
import { DownloadButton } from '../../ui/fields.tsx';
import {
  documentActions,
  sendDocument,
  type Delivery,
  type Doc,
  type DocumentFixedCost,
} from '../../calls/documents.ts';
import { DestinationDetails } from '../../../shared/DestinationDetails.tsx';
import { CursorPagination } from '../../../shared/CursorPagination.tsx';

type Line = Doc['lines'][number];

function Downloads({ doc }: { doc: Doc }) {
  const base = `/api/v1/documents/${doc.id}`;
  return (
    <>
      {doc.renderStatus === 'created' || doc.renderStatus === 'on_view' ? (
        <DownloadButton label="tollbook.documents.pdf" href={`${base}/pdf`} />
      ) : null}
      {doc.status !== 'draft' ? <DownloadButton label="tollbook.documents.xlsx" href={`${base}/xlsx`} /> : null}
      {doc.status === 'issued' && doc.type === 'invoice' ? (
        <DownloadButton label="tollbook.documents.ubl" href={`${base}/ubl`} />
      ) : null}
      {doc.lines.some((l) => l.kind === 'usage') ? (
        <DownloadButton label="tollbook.documents.calls_csv" href={`${base}/usage-records.csv`} />
      ) : null}
    </>
  );
}

function DocumentActions() {
  const doc = useRecordContext<Doc>();
  const redirect = useRedirect();
  if (!doc) return null;
  const draft = doc.status === 'draft';
  return (
    <TopToolbar>
      <Downloads doc={doc} />
      {draft && ((doc.renderStatus !== 'created' && doc.renderStatus !== 'on_view') || doc.needsRegeneration) ? (
        <ActionButton
          label="tollbook.documents.generate"
          done="tollbook.documents.generating"
          action={() => documentActions.generate(doc.id)}
        />
      ) : null}
      {draft ? (
        <ActionButton
          label="tollbook.documents.issue"
          variant="contained"
          done="tollbook.documents.issued"
          doneArgs={(issued) => ({ number: issued.number })}
          action={() => documentActions.issue(doc.id)}
        />
      ) : null}
      {doc.type === 'proforma' && doc.status === 'issued' && !doc.convertedToDocumentId ? (
        <ActionButton
          label="tollbook.documents.convert"
          done="tollbook.documents.converted"
          action={() => documentActions.convert(doc.id)}
          then={(invoice) => redirect('show', 'documents', invoice.id)}
        />
      ) : null}
      {!draft ? (
        <ActionButton
          label="tollbook.documents.render"
          done="tollbook.documents.render_queued"
          action={() => documentActions.render(doc.id)}
        />
      ) : null}
      {!draft ? (
        <ActionButton
          label="tollbook.documents.send"
          done="tollbook.documents.send_queued"
          action={() => sendDocument(doc.id)}
        />
      ) : null}
      {doc.status !== 'cancelled' ? (
        <ActionButton
          label="tollbook.documents.cancel"
          color="error"
          done="tollbook.documents.cancelled"
          confirm="tollbook.documents.confirm_cancel"
          action={() => documentActions.cancel(doc.id)}
        />
      ) : null}
      {draft ? (
        <Editable>
          <DeleteButton mutationMode="pessimistic" label="tollbook.documents.delete" />
        </Editable>
      ) : null}
    </TopToolbar>
  );
}

/** A draft's line description can be rewritten (e.g. to say what a fixed cost was for). */
function EditLine() {
  const doc = useShowContext<Doc>().record;
  const line = useRecordContext<Line>();
  if (!doc || !line || doc.status !== 'draft') return null;
  return (
    <ActionDialog<{ description: string }>
      label="tollbook.documents.edit_line"
      done="tollbook.documents.line_saved"
      defaultValues={{ description: line.description }}
      action={(v) => documentActions.describeLine(doc.id, line.id, v.description)}
    >
      <TextInput source="description" validate={required()} fullWidth multiline />
    </ActionDialog>
  );
}

/** A fixed cost line's removal, on a draft only. */
function RemoveFixedCost() {
  const doc = useShowContext<Doc>().record;
  const line = useRecordContext<DocumentFixedCost>();
  if (!doc || !line || doc.status !== 'draft') return null;
  return (
    <ActionButton
      label="tollbook.documents.remove_fixed_cost"
      color="error"
      confirm="tollbook.documents.confirm_remove_fixed_cost"
      done="tollbook.documents.fixed_cost_removed"
      action={() => documentActions.removeFixedCost(doc.id, line.id)}
    />
  );
}

/** The fixed costs a document bills; a draft takes more (a fixed cost and a quantity) or loses some. */
function DraftFixedCosts() {
  const doc = useRecordContext<Doc>();
  const translate = useTranslate();
  if (!doc) return null;
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="h2">
        {translate('tollbook.documents.fixed_costs')}
      </Typography>
      {doc.status === 'draft' ? (
        <ActionDialog<{ fixedCostId: string; quantity: string }>
          label="tollbook.documents.add_fixed_cost"
          done="tollbook.documents.fixed_cost_added"
          defaultValues={{ quantity: '1' }}
          action={(v) => documentActions.addFixedCost(doc.id, v)}
        >
          <ReferenceInput source="fixedCostId" reference="fixed-costs">
            <SelectInput optionText="name" validate={required()} label="tollbook.documents.fixed_cost" />
          </ReferenceInput>
          <TextInput source="quantity" validate={required()} label="resources.documents.fields.quantity" />
        </ActionDialog>
      ) : null}
      <ReferenceManyField
        reference="document-fixed-costs"
        target="documentId"
        perPage={100}
        pagination={<CursorPagination />}
        empty={<Typography variant="body2">{'—'}</Typography>}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="name" label="tollbook.documents.fixed_cost" />
          <TextField source="description" emptyText="—" label="resources.documents.fields.description" />
          <TextField source="quantity" textAlign="right" label="resources.documents.fields.quantity" />
          <TextField source="unitPrice" textAlign="right" label="resources.documents.fields.unitPrice" />
          <RemoveFixedCost />
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
}

// While its PDF is being made, the document is read again every second and a half, so the screen
// shows the render finishing (and the PDF link appearing) without a reload.
const rendering = new Set(['waiting', 'processing']);
const whileRendering = {
  refetchInterval: (query: { state: { data?: Doc } }) =>
    rendering.has(query.state.data?.renderStatus ?? '') ? 1500 : false,
};

const Link = ({
  source,
}: {
  source: 'convertedToDocumentId' | 'convertedFromDocumentId' | 'accompaniesDocumentId';
}) => <ReferenceField source={source} reference="documents" link="show" emptyText="—" />;

export const DocumentShow = () => (
  <Show actions={<DocumentActions />} queryOptions={whileRendering as never}>
    <SimpleShowLayout>
      <TextField source="number" emptyText="—" />
      <TextField source="status" />
      <TextField source="type" />
      <ReferenceField source="customerId" reference="customers" />
      <FunctionField<Doc>
        label="resources.documents.fields.period"
        render={(d) => `${d.periodStart} – ${d.periodEnd}`}
      />
      <TextField source="issueDate" emptyText="—" />
      <TextField source="dueDate" emptyText="—" />
      <TextField source="paymentStatus" emptyText="—" />
      <TextField source="renderStatus" emptyText="—" />
      <TextField source="renderError" emptyText="—" />
      <Link source="convertedFromDocumentId" />
      <Link source="convertedToDocumentId" />
      <ArrayField source="lines" label="tollbook.documents.lines">
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="description" />
          <TextField source="quantity" textAlign="right" />
          <TextField source="unitPrice" textAlign="right" emptyText="—" />
          <TextField source="net" textAlign="right" />
          <TextField source="tax" textAlign="right" />
          <TextField source="gross" textAlign="right" />
          <EditLine />
        </Datagrid>
      </ArrayField>
      <Labeled label="tollbook.documents.totals">
        <FunctionField<Doc>
          render={(d) => `${d.totals.net} + ${d.totals.tax} = ${d.totals.total} ${d.currency} (${d.totals.open})`}
        />
      </Labeled>
      <NumberField source="paymentTermsDays" />
      <DraftFixedCosts />
      <DestinationDetails load={documentActions.details} />
      <ReferenceManyField
        reference="document-deliveries"
        target="documentId"
        label="tollbook.documents.deliveries"
        perPage={25}
        pagination={<CursorPagination />}
        empty={<Typography variant="body2">{'—'}</Typography>}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <DateField source="createdAt" showTime label="tollbook.deliveries.created" />
          <TextField source="trigger" label="tollbook.deliveries.trigger" />
          <TextField source="status" label="tollbook.deliveries.status" />
          <FunctionField<Delivery> label="tollbook.deliveries.recipients" render={(d) => d.recipients.join(', ')} />
          <NumberField source="attempts" label="tollbook.deliveries.attempts" />
          <DateField source="sentAt" showTime emptyText="—" label="tollbook.deliveries.sent_at" />
          <FunctionField<Delivery>
            label="tollbook.deliveries.error"
            render={(d) => (d.error ? `${d.error.code}: ${d.error.message}` : '—')}
          />
        </Datagrid>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);
