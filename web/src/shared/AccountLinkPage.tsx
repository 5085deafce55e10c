import { Box, Button, Card, CardContent, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useLocation } from 'react-router-dom';
import { api } from '../api/client.ts';
import { unwrap } from '../api/problems.ts';

/**
 * Where an invitation or password reset link lands (…#/accept-invitation?token=…): the person
 * chooses a password. Outside the signed-in layout, since they cannot sign in yet.
 */
export function AccountLinkPage({ purpose }: { purpose: 'invitation' | 'password_reset' }) {
  const token = new URLSearchParams(useLocation().search).get('token') ?? '';
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      if (purpose === 'invitation')
        await unwrap(api.POST('/api/v1/auth/accept-invitation', { body: { token, password } }));
      else await unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } }));
      setDone(true);
    } catch (error) {
      setMessage((error as Error).message);
    }
  };
  const home = window.location.pathname.startsWith('/portal') ? '/portal' : '/';
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', mt: 8 }}>
      <Card sx={{ width: 360 }}>
        <CardContent>
          <Typography variant="h6" component="h1" gutterBottom>
            {purpose === 'invitation' ? 'Choose your password' : 'Set a new password'}
          </Typography>
          {done ? (
            <Button href={home} variant="contained">
              Continue
            </Button>
          ) : (
            <form onSubmit={submit}>
              <TextField
                label="Password (at least 10 characters)"
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                fullWidth
                margin="normal"
                autoComplete="new-password"
              />
              {message ? <Typography color="error">{message}</Typography> : null}
              <Button type="submit" variant="contained" disabled={password.length < 10}>
                Save
              </Button>
            </form>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
