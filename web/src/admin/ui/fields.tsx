import { Button, FunctionField, type RaRecord } from 'react-admin';

/** An exact amount with its currency, as the API wrote it (never re-rounded in the browser). */
export function MoneyField<R extends RaRecord>(props: {
  source: string;
  label?: string;
  amount: (r: R) => string | null | undefined;
  currency?: (r: R) => string;
}) {
  const currency = props.currency ?? ((r: R) => (r as { currency?: string }).currency ?? '');
  return (
    <FunctionField<R>
      source={props.source}
      label={props.label}
      textAlign="right"
      render={(r) => `${props.amount(r) ?? '—'} ${currency(r)}`}
    />
  );
}

/** A link downloading a file the API serves (GET needs no CSRF token; the cookie signs it). */
export function DownloadButton({ label, href }: { label: string; href: string }) {
  return <Button label={label} href={href} component="a" download />;
}

/** Query string of the non-empty values, for download links that carry a list's filters. */
export function queryString(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}
