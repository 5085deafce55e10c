import { Card, CardContent, CardHeader, Grid, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Loading, Title, useTranslate } from 'react-admin';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, type Schemas } from '../../api/client.ts';
import { unwrap } from '../../api/problems.ts';

type Month = { month: string; issued: number; revenue: number; outstanding: number; overdue: number };

/** Issued documents of the tenant's main currency, summed per issue month (from the documents list). */
async function loadMonths(): Promise<{ currency: string; months: Month[] }> {
  const tenant = await unwrap(api.GET('/api/v1/tenant'));
  const docs: Schemas['Document'][] = [];
  let cursor: string | undefined;
  // At most 10 pages of 500: the dashboard shows trends, reports give exact totals.
  for (let page = 0; page < 10; page++) {
    const answer = await unwrap(
      api.GET('/api/v1/documents', {
        params: { query: { status: 'issued', limit: 500, ...(cursor ? { cursor } : {}) } },
      }),
    );
    docs.push(...answer.data);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  const byMonth = new Map<string, Month>();
  for (const doc of docs) {
    if (doc.currency !== tenant.currency || !doc.issueDate) continue;
    const month = doc.issueDate.slice(0, 7);
    const row = byMonth.get(month) ?? { month, issued: 0, revenue: 0, outstanding: 0, overdue: 0 };
    row.issued += 1;
    // Chart heights only: the figures themselves are shown by the API as exact decimals.
    row.revenue += Number(doc.totals.total);
    row.outstanding += Number(doc.totals.open);
    if (doc.paymentStatus === 'overdue') row.overdue += 1;
    byMonth.set(month, row);
  }
  return { currency: tenant.currency, months: [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)) };
}

export function Dashboard() {
  const translate = useTranslate();
  const [data, setData] = useState<{ currency: string; months: Month[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadMonths().then(setData, (e: Error) => setError(e.message));
  }, []);
  if (error) return <Typography color="error">{error}</Typography>;
  if (!data) return <Loading />;
  const charts: Array<{ key: keyof Month; title: string; color: string }> = [
    { key: 'issued', title: translate('tollbook.dashboard.issued'), color: '#1565c0' },
    { key: 'revenue', title: translate('tollbook.dashboard.revenue', { currency: data.currency }), color: '#2e7d32' },
    {
      key: 'outstanding',
      title: translate('tollbook.dashboard.outstanding', { currency: data.currency }),
      color: '#c62828',
    },
  ];
  return (
    <>
      <Title title={translate('tollbook.dashboard.title')} />
      {data.months.length === 0 ? (
        <Typography sx={{ m: 2 }}>{translate('tollbook.dashboard.empty')}</Typography>
      ) : (
        <Grid container spacing={2} sx={{ mt: 1 }}>
          {charts.map((chart) => (
            <Grid key={chart.key} size={{ xs: 12, md: 4 }}>
              <Card>
                <CardHeader title={chart.title} />
                <CardContent sx={{ height: 240 }} aria-label={chart.title} role="img">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={data.months}>
                      <CartesianGrid strokeDasharray="3 3" />
                      <XAxis dataKey="month" />
                      <YAxis />
                      <Tooltip />
                      <Legend />
                      <Bar dataKey={chart.key} name={chart.title} fill={chart.color} />
                    </BarChart>
                  </ResponsiveContainer>
                </CardContent>
              </Card>
            </Grid>
          ))}
        </Grid>
      )}
    </>
  );
}
