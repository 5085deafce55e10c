import { Box, Button, CardContent, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { HttpError, Login, LoginForm, useTranslate } from 'react-admin';
import { api } from '../api/client.ts';
import { unwrap } from '../api/problems.ts';

/**
 * "Forgot your password?": asks the API to email a reset link. The answer is the same whether or
 * not the address has an account, and so is what the page says.
 */
function ForgotPassword({ onBack }: { onBack: () => void }) {
  const t = useTranslate();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<{ field?: string; general?: string }>({});
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await unwrap(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } }));
      setSent(true);
      setError({});
    } catch (e) {
      const field = e instanceof HttpError ? (e.body as { errors?: Record<string, string> })?.errors?.email : undefined;
      setError(field ? { field } : { general: (e as Error).message });
    }
  };
  return (
    <CardContent>
      <Typography variant="h6" component="h2" gutterBottom>
        {t('tollbook.auth.forgot_title')}
      </Typography>
      {sent ? (
        <Typography role="status">{t('tollbook.auth.reset_sent')}</Typography>
      ) : (
        <form onSubmit={submit} noValidate>
          <Typography variant="body2">{t('tollbook.auth.forgot_help')}</Typography>
          <TextField
            name="reset-email"
            type="email"
            label={t('tollbook.auth.email')}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={Boolean(error.field)}
            helperText={error.field ?? ' '}
            autoComplete="email"
            fullWidth
            margin="normal"
          />
          {error.general ? (
            <Typography color="error" role="alert">
              {error.general}
            </Typography>
          ) : null}
          <Button type="submit" variant="contained" fullWidth disabled={!email.trim()}>
            {t('tollbook.auth.send_link')}
          </Button>
        </form>
      )}
      <Box sx={{ mt: 1 }}>
        <Button onClick={onBack} size="small">
          {t('tollbook.auth.back_to_sign_in')}
        </Button>
      </Box>
    </CardContent>
  );
}

/** react-admin's sign-in form, with a way to ask for a password reset link under it. */
export function SignInPage() {
  const t = useTranslate();
  const [forgot, setForgot] = useState(false);
  return (
    <Login>
      {forgot ? (
        <ForgotPassword onBack={() => setForgot(false)} />
      ) : (
        <>
          <LoginForm />
          <Box sx={{ px: 2, pb: 2, textAlign: 'center' }}>
            <Button onClick={() => setForgot(true)} size="small">
              {t('tollbook.auth.forgot')}
            </Button>
          </Box>
        </>
      )}
    </Login>
  );
}
