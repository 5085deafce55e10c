import {
  Button,
  Card,
  CardContent,
  CardHeader,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useNotify, usePermissions, useTranslate } from 'react-admin';
import { api, type Schemas } from '../../../api/client.ts';
import { unwrap } from '../../../api/problems.ts';
import { isAdmin } from '../../../shared/auth-provider.ts';

type Smtp = Schemas['SmtpSettings'];
type Delivery = Schemas['DeliverySettings'];
type ServerForm = Omit<Smtp, 'passwordSet' | 'updatedAt' | 'secure'> & { password: string };

const emptyServer: ServerForm = {
  host: '',
  port: 587,
  tls: 'starttls',
  user: null,
  password: '',
  from: '',
  fromName: null,
  replyTo: null,
};

/** The outgoing mail server (with a test message) and how documents are emailed. */
export function EmailSettingsPage() {
  const t = useTranslate();
  const { permissions } = usePermissions();
  const [server, setServer] = useState<ServerForm | null>(null);
  const [passwordSet, setPasswordSet] = useState(false);
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.GET('/api/v1/settings/smtp').then(
      ({ data }) => {
        // 404 until a server is set: the form starts empty.
        setServer(data ? { ...emptyServer, ...data, password: '' } : emptyServer);
        setPasswordSet(Boolean(data?.passwordSet));
      },
      (e: Error) => setError(e.message),
    );
    unwrap(api.GET('/api/v1/settings/delivery')).then(setDelivery, (e: Error) => setError(e.message));
  }, []);
  if (error) return <Typography color="error">{error}</Typography>;
  if (!server || !delivery) return <Loading />;
  const editable = isAdmin(permissions);
  return (
    <Stack spacing={2} sx={{ mt: 2, maxWidth: 720 }}>
      <Title title={t('resources.email-settings.name')} />
      <ServerCard
        server={server}
        setServer={setServer}
        passwordSet={passwordSet}
        onSaved={setPasswordSet}
        editable={editable}
      />
      <DeliveryCard delivery={delivery} setDelivery={setDelivery} editable={editable} />
    </Stack>
  );
}

function ServerCard(props: {
  server: ServerForm;
  setServer: (s: ServerForm) => void;
  passwordSet: boolean;
  onSaved: (passwordSet: boolean) => void;
  editable: boolean;
}) {
  const { server, setServer, editable } = props;
  const t = useTranslate();
  const notify = useNotify();
  const [to, setTo] = useState('');
  const field = (name: keyof ServerForm, type = 'text') => (
    <TextField
      key={name}
      name={name}
      type={type}
      label={t(`tollbook.email_settings.${name}`)}
      value={server[name] ?? ''}
      disabled={!editable}
      onChange={(e) =>
        setServer({ ...server, [name]: name === 'port' ? Number(e.target.value) : e.target.value || null })
      }
      size="small"
      fullWidth
    />
  );
  const save = async () => {
    try {
      const { password, ...rest } = server;
      const saved = await unwrap(
        api.PUT('/api/v1/settings/smtp', { body: { ...rest, ...(password ? { password } : {}) } }),
      );
      props.onSaved(saved.passwordSet);
      setServer({ ...server, password: '' });
      notify('tollbook.email_settings.saved', { type: 'success' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const test = async () => {
    try {
      const result = await unwrap(api.POST('/api/v1/settings/smtp/test', { body: { to } }));
      notify('tollbook.email_settings.test_result', {
        type: result.delivered ? 'success' : 'warning',
        messageArgs: { response: result.response },
      });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  return (
    <Card>
      <CardHeader title={t('tollbook.email_settings.server')} subheader={t('tollbook.email_settings.server_help')} />
      <CardContent>
        <Stack spacing={1.5}>
          {field('host')}
          {field('port', 'number')}
          <TextField
            select
            name="tls"
            size="small"
            label={t('tollbook.email_settings.tls')}
            value={server.tls}
            disabled={!editable}
            onChange={(e) => setServer({ ...server, tls: e.target.value as ServerForm['tls'] })}
          >
            {(['none', 'starttls', 'implicit'] as const).map((mode) => (
              <MenuItem key={mode} value={mode}>
                {mode}
              </MenuItem>
            ))}
          </TextField>
          {field('user')}
          {field('password', 'password')}
          {props.passwordSet && <Typography variant="caption">{t('tollbook.email_settings.password_set')}</Typography>}
          {field('from', 'email')}
          {field('fromName')}
          {field('replyTo', 'email')}
        </Stack>
        {editable && (
          <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center' }}>
            <Button variant="contained" onClick={save}>
              {t('ra.action.save')}
            </Button>
            <TextField
              name="testTo"
              size="small"
              label={t('tollbook.email_settings.test_to')}
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
            <Button onClick={test} disabled={!to}>
              {t('tollbook.email_settings.test')}
            </Button>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

function DeliveryCard(props: { delivery: Delivery; setDelivery: (d: Delivery) => void; editable: boolean }) {
  const { delivery, setDelivery, editable } = props;
  const t = useTranslate();
  const notify = useNotify();
  const [staff, setStaff] = useState(delivery.staffEmails.join(', '));
  const save = async () => {
    try {
      const saved = await unwrap(
        api.PUT('/api/v1/settings/delivery', {
          body: {
            sendIntervalMinutes: delivery.sendIntervalMinutes,
            autoSend: delivery.autoSend,
            recipients: delivery.recipients,
            staffEmails: staff
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            attachments: delivery.attachments,
          },
        }),
      );
      setDelivery(saved);
      notify('tollbook.email_settings.delivery_saved', { type: 'success' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const flag = (label: string, checked: boolean, set: (on: boolean) => void) => (
    <FormControlLabel
      key={label}
      sx={{ display: 'flex' }}
      control={<Switch checked={checked} disabled={!editable} onChange={(e) => set(e.target.checked)} />}
      label={label}
    />
  );
  return (
    <Card>
      <CardHeader title={t('tollbook.email_settings.sending')} />
      <CardContent>
        <Stack spacing={1.5}>
          <TextField
            name="sendIntervalMinutes"
            type="number"
            size="small"
            label={t('tollbook.email_settings.sendIntervalMinutes')}
            value={delivery.sendIntervalMinutes}
            disabled={!editable}
            onChange={(e) => setDelivery({ ...delivery, sendIntervalMinutes: Number(e.target.value) })}
          />
          <TextField
            select
            name="recipients"
            size="small"
            label={t('tollbook.email_settings.recipients')}
            value={delivery.recipients}
            disabled={!editable}
            onChange={(e) => setDelivery({ ...delivery, recipients: e.target.value as Delivery['recipients'] })}
          >
            {(['customer', 'staff', 'both', 'none'] as const).map((rule) => (
              <MenuItem key={rule} value={rule}>
                {t(`tollbook.recipient_rules.${rule}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            name="staffEmails"
            size="small"
            label={t('tollbook.email_settings.staffEmails')}
            value={staff}
            disabled={!editable}
            onChange={(e) => setStaff(e.target.value)}
          />
          <Typography variant="subtitle2">{t('tollbook.email_settings.auto_send')}</Typography>
          {Object.entries(delivery.autoSend).map(([type, on]) =>
            flag(t(`tollbook.document_types.${type}`, { _: type }), on, (v) =>
              setDelivery({ ...delivery, autoSend: { ...delivery.autoSend, [type]: v } }),
            ),
          )}
          {flag(t('tollbook.email_settings.attach_xlsx'), delivery.attachments.xlsx, (v) =>
            setDelivery({ ...delivery, attachments: { ...delivery.attachments, xlsx: v } }),
          )}
          {flag(t('tollbook.email_settings.attach_ubl'), delivery.attachments.ubl, (v) =>
            setDelivery({ ...delivery, attachments: { ...delivery.attachments, ubl: v } }),
          )}
        </Stack>
        {editable && (
          <Button variant="contained" sx={{ mt: 2 }} onClick={save}>
            {t('ra.action.save')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
