import { useEffect, useState } from 'react';
import {
  BooleanField,
  Create,
  Edit,
  EditButton,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  required,
  FormDataConsumer,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { choices, documentTypes } from '../../ui/choices.ts';
import { PlainList } from '../../ui/lists.tsx';
import { Editable } from '../../ui/actions.tsx';
import { previewTemplate, type DocumentType } from '../../calls/outputs.ts';
import type { Schemas } from '../../../api/client.ts';

type Template = Schemas['Template'];
const locales = choices(['en', 'ru']);

export const TemplateList = () => (
  <PlainList>
    <TextField source="name" />
    <TextField source="documentType" />
    <TextField source="locale" />
    <BooleanField source="builtin" />
  </PlainList>
);

/**
 * The template rendered on demo data by the API, shown in a sandboxed frame (no scripts run). It is
 * asked for again a moment after the source stops changing.
 */
function Preview(props: { source?: string; locale?: string; documentType?: string }) {
  const translate = useTranslate();
  const [html, setHtml] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { source, locale, documentType } = props;
  useEffect(() => {
    if (!source) return;
    const timer = setTimeout(() => {
      previewTemplate(source, locale === 'ru' ? 'ru' : 'en', (documentType ?? 'invoice') as DocumentType).then(
        (answer) => {
          setHtml(answer);
          setError(null);
        },
        (e: Error) => setError(e.message),
      );
    }, 500);
    return () => clearTimeout(timer);
  }, [source, locale, documentType]);
  return (
    <div style={{ width: '100%' }}>
      {error ? <p role="alert">{error}</p> : null}
      <iframe
        title={translate('tollbook.templates.preview')}
        sandbox=""
        srcDoc={html}
        style={{ width: '100%', height: 600, border: '1px solid #ccc', background: 'white' }}
      />
    </div>
  );
}

function RecordPreview() {
  const t = useRecordContext<Template>();
  return t ? <Preview source={t.source} locale={t.locale} documentType={t.documentType} /> : null;
}

const LivePreview = () => (
  <FormDataConsumer<Template>>
    {({ formData }) => (
      <Preview source={formData.source} locale={formData.locale} documentType={formData.documentType} />
    )}
  </FormDataConsumer>
);

function TemplateActions() {
  const t = useRecordContext<Template>();
  return <TopToolbar>{t && !t.builtin ? <Editable>{<EditButton />}</Editable> : null}</TopToolbar>;
}

export const TemplateShow = () => (
  <Show actions={<TemplateActions />}>
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="documentType" />
      <TextField source="locale" />
      <BooleanField source="builtin" />
      <RecordPreview />
    </SimpleShowLayout>
  </Show>
);

export const TemplateCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ documentType: 'invoice', locale: 'en' }}>
      <TextInput source="name" validate={required()} />
      <SelectInput source="documentType" choices={choices(documentTypes)} />
      <SelectInput source="locale" choices={locales} />
      <TextInput source="source" multiline fullWidth minRows={10} validate={required()} />
      <LivePreview />
    </SimpleForm>
  </Create>
);

export const TemplateEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm>
      <TextInput source="name" />
      <SelectInput source="locale" choices={locales} />
      <TextInput source="source" multiline fullWidth minRows={10} />
      <LivePreview />
    </SimpleForm>
  </Edit>
);
