import { Button, Card, CardContent, CardHeader, FormControlLabel, Switch, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useNotify, usePermissions, useTranslate } from 'react-admin';
import { api, type Schemas } from '../../../api/client.ts';
import { unwrap } from '../../../api/problems.ts';
import { isAdmin } from '../../../shared/auth-provider.ts';

type Visible = Schemas['PortalSettings']['visibleTypes'];

/** Which document types customers see in the portal: one switch per type, saved together. */
export function PortalSettingsPage() {
  const t = useTranslate();
  const notify = useNotify();
  const { permissions } = usePermissions();
  const [visible, setVisible] = useState<Visible | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    unwrap(api.GET('/api/v1/settings/portal')).then(
      (s) => setVisible(s.visibleTypes),
      (e: Error) => setError(e.message),
    );
  }, []);
  if (error) return <Typography color="error">{error}</Typography>;
  if (!visible) return <Loading />;
  const save = async () => {
    try {
      const saved = await unwrap(api.PUT('/api/v1/settings/portal', { body: { visibleTypes: visible } }));
      setVisible(saved.visibleTypes);
      notify('tollbook.portal_settings.saved', { type: 'success' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    }
  };
  const editable = isAdmin(permissions);
  return (
    <Card sx={{ mt: 2, maxWidth: 640 }}>
      <Title title={t('resources.portal-settings.name', { smart_count: 1 })} />
      <CardHeader title={t('tollbook.portal_settings.title')} subheader={t('tollbook.portal_settings.help')} />
      <CardContent>
        {(Object.keys(visible) as Array<keyof Visible>).map((type) => (
          <FormControlLabel
            key={type}
            sx={{ display: 'flex' }}
            control={
              <Switch
                checked={visible[type]}
                disabled={!editable}
                onChange={(e) => setVisible({ ...visible, [type]: e.target.checked })}
              />
            }
            label={t(`tollbook.document_types.${type}`, { _: type })}
          />
        ))}
        {editable && (
          <Button variant="contained" sx={{ mt: 2 }} onClick={save}>
            {t('ra.action.save')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}
