import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { HttpError, useTranslate } from 'react-admin';
import { useLocation } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/problems.ts';

/**
 * Where an invitation or password reset link lands (…#/accept-invitation?token=…): the person
 * chooses a password. Outside the signed-in layout, since they cannot sign in yet. The API's
 * refusal of the password is said under the field; a used or expired link above the button.
 */
export function AccountLinkPage({ purpose }: { purpose: 'invitation' | 'password_reset' }) {
  const t = useTranslate();
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ field?: string; general?: string }>({});
  const [done, setDone] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      if (purpose === 'invitation')
        await unwrap(api.POST('/api/v1/auth/accept-invitation', { body: { token, password } }));
      else await unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }));
      setDone(true);
    } catch (e) {
      const field =
        e instanceof HttpError ? (e.body as { errors?: Record<string, string> })?.errors?.password : undefined;
      setError(field ? { field } : { general: (e as Error).message });
    }
  };
  const home = window.location.pathname.startsWith('/portal') ? '/portal' : '/';
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 8, px: 1 }}>
      <Card sx={{ width: 360, maxWidth: '100%' }}>
        <CardContent>
          <Typography variant="h6" component="h1" gutterBottom>
            {t(purpose === 'invitation' ? 'tollbook.auth.choose_password' : 'tollbook.auth.new_password')}
          </Typography>
          {done ? (
            <>
              <Typography role="status" gutterBottom>
                {t('tollbook.auth.password_saved')}
              </Typography>
              <Button href={home} variant="contained">
                {t('tollbook.auth.continue')}
              </Button>
            </>
          ) : (
            <form onSubmit={submit} noValidate>
              <TextField
                name="new-password"
                label={t('tollbook.auth.password_label')}
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={Boolean(error.field)}
                helperText={error.field ?? ' '}
                fullWidth
                margin="normal"
                autoComplete="new-password"
              />
              {error.general ? (
                <Typography color="error" role="alert" gutterBottom>
                  {error.general}
                </Typography>
              ) : null}
              <Button type="submit" variant="contained" disabled={!password}>
                {t('ra.action.save')}
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
