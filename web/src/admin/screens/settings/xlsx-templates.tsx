import { useState } from 'react';
import {
  BooleanField,
  Form,
  NumberInput,
  SaveButton,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  Title,
  TopToolbar,
  required,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { Box, Card, CardContent, Typography } from '@mui/material';
import { choices, documentTypes } from '../../ui/choices.ts';
import { PlainList } from '../../ui/lists.tsx';
import { ActionButton, Editable, useRun } from '../../ui/actions.tsx';
import { xlsxActions, type DocumentType, type XlsxMapping } from '../../calls/outputs.ts';
import type { Schemas } from '../../../api/client.ts';

type XlsxTemplate = Schemas['XlsxTemplate'];
const cellKeys = [
  'number',
  'documentType',
  'issueDate',
  'dueDate',
  'periodStart',
  'periodEnd',
  'currency',
  'customerName',
  'customerAddress',
  'customerTaxId',
  'senderName',
  'senderAddress',
  'senderTaxId',
  'senderIban',
  'totalNet',
  'totalTax',
  'total',
  'totalOpen',
] as const;
const columnKeys = ['position', 'description', 'destination', 'quantity', 'unit', 'minutes', 'unitPrice'] as const;

export const XlsxTemplateList = () => (
  <PlainList>
    <TextField source="name" />
    <TextField source="documentType" />
    <BooleanField source="active" />
    <TextField source="sizeBytes" />
    <TextField source="updatedAt" />
  </PlainList>
);

/** Upload: the operator's own spreadsheet, sent as it is; the cell mapping is set on the next screen. */
export function XlsxTemplateCreate() {
  const run = useRun();
  const redirect = useRedirect();
  const [file, setFile] = useState<File | null>(null);
  const translate = useTranslate();
  const submit = (v: Record<string, unknown>) =>
    run(async () => {
      if (!file) throw new Error(translate('tollbook.xlsx.choose_file'));
      const made = await xlsxActions.upload(String(v.name), v.documentType as DocumentType, file);
      redirect('show', 'xlsx-templates', made.id);
      return made;
    }, 'tollbook.xlsx.uploaded');
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="tollbook.xlsx.upload" />
      <CardContent>
        <Form onSubmit={submit} record={{ documentType: 'invoice' }}>
          <TextInput source="name" validate={required()} label="resources.xlsx-templates.fields.name" />
          <SelectInput
            source="documentType"
            choices={choices(documentTypes)}
            label="resources.xlsx-templates.fields.documentType"
          />
          <Box sx={{ my: 2 }}>
            <Typography component="label">
              {translate('tollbook.xlsx.file')}{' '}
              <input
                type="file"
                name="file"
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </Typography>
          </Box>
          <SaveButton label="tollbook.xlsx.upload" alwaysEnable />
        </Form>
      </CardContent>
    </Card>
  );
}

/** Which cell gets which value, and where the lines table starts; saved with PUT …/mapping. */
function MappingForm() {
  const t = useRecordContext<XlsxTemplate>();
  const run = useRun();
  if (!t) return null;
  const save = (v: Record<string, unknown>) =>
    run(() => xlsxActions.map(t.id, v as XlsxMapping), 'tollbook.xlsx.mapped');
  return (
    <Editable>
      <Form onSubmit={save} record={(t.mapping ?? { cells: {} }) as never}>
        <Typography variant="h6">{'XLSX'}</Typography>
        <TextInput source="sheet" label="tollbook.xlsx.sheet" />
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 1 }}>
          {cellKeys.map((k) => (
            <TextInput key={k} source={`cells.${k}`} label={`tollbook.xlsx.cells.${k}`} helperText={false} />
          ))}
        </Box>
        <NumberInput source="lines.startRow" label="tollbook.xlsx.start_row" />
        <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 1 }}>
          {columnKeys.map((k) => (
            <TextInput key={k} source={`lines.columns.${k}`} label={`tollbook.xlsx.columns.${k}`} helperText={false} />
          ))}
        </Box>
        <SaveButton label="tollbook.xlsx.save_mapping" alwaysEnable />
      </Form>
    </Editable>
  );
}

function XlsxActions() {
  const t = useRecordContext<XlsxTemplate>();
  return (
    <TopToolbar>
      {t && t.mapping && !t.active ? (
        <ActionButton
          label="tollbook.xlsx.activate"
          done="tollbook.xlsx.activated"
          action={() => xlsxActions.activate(t.id)}
        />
      ) : null}
    </TopToolbar>
  );
}

export const XlsxTemplateShow = () => (
  <Show actions={<XlsxActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="documentType" />
      <BooleanField source="active" />
      <TextField source="sizeBytes" />
      <MappingForm />
    </SimpleShowLayout>
  </Show>
);
