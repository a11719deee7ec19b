// What the sales pages share: paths per kind of document, status badges, money, downloads.
import { Badge, Button, Group } from '@mantine/core';
import type { DocumentKind, SalesDocumentView } from '../../domain/invoicing/schemas.ts';
import { useT } from '../i18n/index.ts';
import { formatMoney } from '../ui/format.ts';

/** A catalog key built from data (a status, a unit): the catalogs hold every value of those lists. */
export const key = (k: string) => k as never;

/** The API collection and the web path of each kind of document. */
export const collectionOf = (kind: DocumentKind) =>
  kind === 'quote' ? 'quotes' : kind === 'credit_note' ? 'credit-notes' : 'invoices';

export const documentPath = (d: { id: string; kind: DocumentKind }) =>
  `/sales/${collectionOf(d.kind)}/${d.id}`;

const statusColors: Record<string, string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'teal',
  refused: 'red',
  expired: 'orange',
  awaiting_validation: 'yellow',
  issued: 'blue',
  partially_paid: 'cyan',
  paid: 'teal',
  overdue: 'red',
  cancelled: 'gray',
};

export function SalesStatusBadge({ status }: { status: string }) {
  const { t } = useT();
  return (
    <Badge color={statusColors[status] ?? 'gray'} variant="light">
      {t(key(`sales.statuses.${status}`))}
    </Badge>
  );
}

export function useMoney() {
  const { lang } = useT();
  return (cents: number) => formatMoney(cents, lang);
}

/** Links that download the document's files (the browser keeps the session cookie). */
export function Downloads({ doc }: { doc: Pick<SalesDocumentView, 'id' | 'kind' | 'number'> }) {
  const { t } = useT();
  const base = `/api/v1/${collectionOf(doc.kind)}/${doc.id}`;
  const formats =
    doc.kind === 'quote' || !doc.number ? (['pdf'] as const) : (['pdf', 'facturx', 'ubl'] as const);
  return (
    <Group gap="xs">
      {formats.map((f) => (
        <Button key={f} component="a" href={`${base}/${f}`} variant="default" size="xs" download>
          {t(key(`sales.actions.${f}`))}
        </Button>
      ))}
    </Group>
  );
}
