import {
  Box,
  Card,
  CardContent,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
  useMediaQuery,
  type Theme,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { HttpError, Title, useTranslate } from 'react-admin';
import { api, type Schemas } from '../api/client.ts';
import { unwrap } from '../api/problems.ts';

type Statement = Schemas['CustomerStatement'];
type Line = Statement['lines'][number];

const yearStart = () => `${new Date().getUTCFullYear()}-01-01`;
const money = (v: string) => (/^0(\.0+)?$/.test(v) ? '' : v);
/** What an entry changes on a phone: "+debit → " or "−credit → ", nothing for an allocation that moves no money. */
const change = (l: Line) => (money(l.debit) ? `+${l.debit} → ` : money(l.credit) ? `−${l.credit} → ` : '');

/**
 * The customer's statement between two dates: opening balance, each document, payment and
 * correction with the running balance, closing balance. On a phone, one line per entry.
 */
export function PortalStatement() {
  const t = useTranslate();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  const [range, setRange] = useState({ from: yearStart(), to: '' });
  const [statement, setStatement] = useState<Statement | null>(null);
  const [errors, setErrors] = useState<{ from?: string; to?: string; general?: string }>({});
  useEffect(() => {
    const query = { ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) };
    unwrap(api.GET('/api/v1/portal/statement', { params: { query } })).then(
      (s) => {
        setStatement(s);
        setErrors({});
      },
      (e: Error) => {
        const fields = e instanceof HttpError ? ((e.body as { errors?: Record<string, string> })?.errors ?? {}) : {};
        // Query parameters are named querystring.from / querystring.to by the API.
        const from = fields['querystring.from'] ?? fields.from;
        const to = fields['querystring.to'] ?? fields.to;
        setErrors(from || to ? { from, to } : { general: e.message });
      },
    );
  }, [range.from, range.to]);
  const s = (key: string) => t(`tollbook.portal.statement_words.${key}`);
  const kind = (l: Line) => t(`tollbook.portal.statement_kinds.${l.kind}`, { _: l.kind });
  const label = (l: Line) => [kind(l), l.number].filter(Boolean).join(' ');
  return (
    <Box sx={{ mt: 1 }}>
      <Title title={t('tollbook.portal.statement')} />
      <Card>
        <CardContent>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2 }}>
            {(['from', 'to'] as const).map((key) => (
              <TextField
                key={key}
                type="date"
                size="small"
                label={s(key)}
                value={range[key]}
                onChange={(e) => setRange({ ...range, [key]: e.target.value })}
                error={Boolean(errors[key])}
                helperText={errors[key] ?? ' '}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { name: `statement-${key}` } }}
              />
            ))}
          </Box>
          {errors.general ? (
            <Typography color="error" role="alert">
              {errors.general}
            </Typography>
          ) : null}
          {statement ? (
            <>
              <Typography>
                {s('opening')}: {statement.openingBalance} {statement.currency}
              </Typography>
              {statement.lines.length === 0 ? <Typography sx={{ my: 1 }}>{s('empty')}</Typography> : null}
              {phone ? (
                <List dense aria-label={t('tollbook.portal.statement')}>
                  {statement.lines.map((l) => (
                    <ListItem key={`${l.kind}-${l.id}`} divider disableGutters>
                      <ListItemText
                        primary={`${l.date} · ${label(l)}`}
                        secondary={`${change(l)}${s('running')} ${l.balance}`}
                      />
                    </ListItem>
                  ))}
                </List>
              ) : (
                <Table size="small" aria-label={t('tollbook.portal.statement')}>
                  <TableHead>
                    <TableRow>
                      {(['date', 'entry', 'description', 'debit', 'credit', 'running'] as const).map((h) => (
                        <TableCell key={h} align={['debit', 'credit', 'running'].includes(h) ? 'right' : 'left'}>
                          {s(h)}
                        </TableCell>
                      ))}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {statement.lines.map((l) => (
                      <TableRow key={`${l.kind}-${l.id}`}>
                        <TableCell>{l.date}</TableCell>
                        <TableCell>{label(l)}</TableCell>
                        <TableCell>{l.description}</TableCell>
                        <TableCell align="right">{money(l.debit)}</TableCell>
                        <TableCell align="right">{money(l.credit)}</TableCell>
                        <TableCell align="right">{l.balance}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
              <Typography sx={{ mt: 1 }}>
                {s('closing')}: {statement.closingBalance} {statement.currency}
              </Typography>
            </>
          ) : null}
        </CardContent>
      </Card>
    </Box>
  );
}
