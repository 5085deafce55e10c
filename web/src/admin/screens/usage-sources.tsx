import {
  ArrayField,
  ArrayInput,
  Datagrid,
  DateField,
  DateInput,
  Edit,
  EditButton,
  FormDataConsumer,
  FunctionField,
  NumberField,
  NumberInput,
  SelectField,
  SelectInput,
  Show,
  SimpleForm,
  SimpleFormIterator,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  useRecordContext,
} from 'react-admin';
import { ActionDialog, Editable } from '../ui/actions.tsx';
import { choices } from '../ui/choices.ts';
import { EmptyState } from '../ui/empty.tsx';
import { PlainList } from '../ui/lists.tsx';
import { reclassify, setWatermark, type ReclassifyResult, type UsageSource } from '../calls/operations.ts';

// The fields each format's rows carry, the ones a rule may read (as the API checks them).
const fieldsOf: Record<string, string> = {
  csv: 'caller, callee, accountCode, customerId',
  asterisk: 'accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp',
  'freeswitch-csv': 'caller_id_name, caller_id_number, destination_number, context, accountcode',
  'freeswitch-xml':
    'caller_id_name, caller_id_number, destination_number, context, accountcode, chan_name, sip_gateway_name',
};
const formats = choices(['csv', 'asterisk', 'freeswitch-csv', 'freeswitch-xml']);
const matches = choices(['exact', 'prefix', 'regex']);
const outcomes = ['outbound_external', 'outbound_internal', 'inbound_external', 'inbound_internal', 'ignore'].map(
  (id) => ({ id, name: `tollbook.sources.outcomes.${id}` }),
);

/** Every source that sent calls, keeps a watermark or has rules; a row opens its settings. */
export const UsageSourceList = () => (
  <PlainList empty={<EmptyState text="tollbook.sources.empty" />}>
    <TextField source="source" />
    <DateField source="watermark" showTime emptyText="—" />
    <DateField source="updatedAt" showTime emptyText="—" />
  </PlainList>
);

/** "Every call up to this day has been delivered": invoicing refuses periods ending later. */
function WatermarkButton() {
  const s = useRecordContext<UsageSource>();
  if (!s) return null;
  return (
    <ActionDialog<{ watermark: string }>
      label="tollbook.sources.set_watermark"
      done="tollbook.sources.watermark_set"
      action={(v) => setWatermark(s.source, `${v.watermark}T00:00:00Z`)}
    >
      <DateInput
        source="watermark"
        validate={required()}
        label="resources.usage-sources.fields.watermark"
        helperText="tollbook.sources.watermark_help"
      />
    </ActionDialog>
  );
}

/** Applies the current rules to the source's stored calls of some days; the answer counts what changed. */
function ReclassifyButton() {
  const s = useRecordContext<UsageSource>();
  if (!s) return null;
  return (
    <ActionDialog<{ fromDay: string; toDay: string }, ReclassifyResult>
      label="tollbook.sources.reclassify"
      done="tollbook.sources.reclassified"
      doneArgs={(r) => ({ ...r, documents: r.documentsNeedingRegeneration.length })}
      action={(v) => reclassify(s.source, v)}
    >
      <DateInput source="fromDay" validate={required()} label="resources.usage-records.fields.fromDay" />
      <DateInput source="toDay" validate={required()} label="resources.usage-records.fields.toDay" />
    </ActionDialog>
  );
}

const SourceActions = () => (
  <TopToolbar>
    <WatermarkButton />
    <ReclassifyButton />
    <Editable>
      <EditButton />
    </Editable>
  </TopToolbar>
);

/** A source's format, internal callee length, ordered rules and watermark. */
export const UsageSourceShow = () => (
  <Show actions={<SourceActions />}>
    <SimpleShowLayout>
      <TextField source="source" />
      <TextField source="format" />
      <NumberField source="internalMaxDigits" />
      <DateField source="watermark" showTime emptyText="—" />
      <FunctionField<UsageSource> source="configured" render={(s) => (s.configured ? '✓' : '—')} />
      <ArrayField source="rules">
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<EmptyState text="tollbook.sources.no_rules" />}>
          <TextField source="field" label="tollbook.sources.rule_field" />
          <TextField source="match" label="tollbook.sources.rule_match" />
          <TextField source="pattern" label="tollbook.sources.rule_pattern" />
          <SelectField source="outcome" choices={outcomes} label="tollbook.sources.rule_outcome" />
          <TextField source="reason" emptyText="—" label="tollbook.sources.rule_reason" />
        </Datagrid>
      </ArrayField>
    </SimpleShowLayout>
  </Show>
);

/**
 * The rules are edited as one ordered list (add, remove, move), saved whole: the first rule that
 * matches a row decides. The API checks every rule; its errors land under the rule's inputs.
 */
export const UsageSourceEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <SelectInput source="format" choices={formats} validate={required()} />
      <NumberInput source="internalMaxDigits" min={0} max={32} helperText="tollbook.sources.internal_help" />
      <ArrayInput source="rules">
        <SimpleFormIterator inline>
          <FormDataConsumer>
            {({ formData }) => (
              <TextInput
                source="field"
                validate={required()}
                label="tollbook.sources.rule_field"
                helperText={fieldsOf[String(formData?.format)] ?? false}
              />
            )}
          </FormDataConsumer>
          <SelectInput source="match" choices={matches} validate={required()} label="tollbook.sources.rule_match" />
          <TextInput source="pattern" validate={required()} label="tollbook.sources.rule_pattern" />
          <SelectInput
            source="outcome"
            choices={outcomes}
            validate={required()}
            label="tollbook.sources.rule_outcome"
          />
          <TextInput source="reason" label="tollbook.sources.rule_reason" helperText="tollbook.sources.reason_help" />
        </SimpleFormIterator>
      </ArrayInput>
    </SimpleForm>
  </Edit>
);
