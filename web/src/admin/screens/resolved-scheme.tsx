import { Card, CardContent, CardHeader, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { EffectiveScheme } from '../calls/catalog.ts';

/**
 * The invoicing scheme that applies (to a customer or a subscription) and the level it came from:
 * the subscription, the customer's contract, its basic contract, the customer, or the tenant default.
 */
export function ResolvedSchemeCard({ load }: { load: () => Promise<EffectiveScheme> }) {
  const t = useTranslate();
  const [resolved, setResolved] = useState<EffectiveScheme | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load().then(
      (r) => {
        setResolved(r);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  }, [load]);
  const scheme = resolved?.scheme;
  return (
    <Card variant="outlined">
      <CardHeader
        title={t('tollbook.resolved_scheme.title')}
        titleTypographyProps={{ component: 'h2', variant: 'h6' }}
      />
      <CardContent data-testid="resolved-scheme">
        {error ? <Typography color="error">{error}</Typography> : null}
        {resolved && !scheme ? <Typography>{t('tollbook.resolved_scheme.none')}</Typography> : null}
        {scheme ? (
          <>
            <Typography>
              <a href={`#/invoicing-schemes/${scheme.id}/show`}>{scheme.name}</a>
              {' · '}
              {t('tollbook.resolved_scheme.from', {
                source: t(`tollbook.resolved_scheme.sources.${resolved!.source}`),
              })}
            </Typography>
            <Typography variant="body2">
              {t('resources.invoicing-schemes.fields.paymentTermsDays')}: {scheme.paymentTermsDays} ·{' '}
              {t('resources.invoicing-schemes.fields.taxRate')}: {scheme.taxRate} ·{' '}
              {t('resources.invoicing-schemes.fields.callDiscountPercent')}: {scheme.callDiscountPercent} ·{' '}
              {t('resources.invoicing-schemes.fields.currency')}: {scheme.currency ?? '—'}
            </Typography>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
