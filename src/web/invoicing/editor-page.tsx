// The quote and invoice editor: client, activity, lines (designation, quantity, unit, unit price,
// discount, VAT category) with totals computed as the user types, by the same rules as the server.
import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { addDays } from '../../domain/dates.ts';
import { paymentTerms } from '../../domain/invoicing/rules.ts';
import {
  type DocumentKind,
  type SalesDocumentView,
  type SalesLineInput,
  unitCodes,
} from '../../domain/invoicing/schemas.ts';
import { computeTotals, lineNet } from '../../domain/invoicing/totals.ts';
import { type VatCategoryKey, vatCategoryKeys } from '../../domain/invoicing/vat.ts';
import { api, type Page } from '../api.ts';
import { useT } from '../i18n/index.ts';
import type { Activity, ClientSummary } from '../types.ts';
import { eurosToCents } from '../ui/format.ts';
import { FormError, useFormSubmit } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { RemoteSelect } from '../ui/remote-select.tsx';
import { Loading, QueryError } from '../ui/states.tsx';
import { collectionOf, documentPath, key, useMoney } from './shared.tsx';

type LineValues = {
  designation: string;
  quantity: number | string;
  unitCode: (typeof unitCodes)[number];
  unitPrice: number | string;
  discount: number | string;
  vatCategory: VatCategoryKey;
};

type Values = {
  activityId: string | null;
  clientId: string | null;
  subject: string;
  validUntil: string;
  serviceDate: string;
  paymentTerm: (typeof paymentTerms)[number];
  paymentDays: number | string;
  purchaseOrder: string;
  notes: string;
  lines: LineValues[];
};

const num = (v: number | string) => (typeof v === 'number' ? v : Number(String(v).replace(',', '.')) || 0);
const emptyLine = (): LineValues => ({
  designation: '',
  quantity: 1,
  unitCode: 'C62',
  unitPrice: '',
  discount: 0,
  vatCategory: 'standard',
});

const toLine = (l: LineValues): SalesLineInput => ({
  designation: l.designation,
  quantity: num(l.quantity),
  unitCode: l.unitCode,
  unitPriceCents: eurosToCents(num(l.unitPrice)),
  discountCents: eurosToCents(num(l.discount)),
  vatCategory: l.vatCategory,
});

export function NewSalesDocumentPage() {
  const kind = (useParams().kind === 'quote' ? 'quote' : 'invoice') as 'quote' | 'invoice';
  return <Editor kind={kind} existing={null} />;
}

export function EditSalesDocumentPage() {
  const { id, collection } = useParams();
  const doc = useQuery({
    queryKey: ['sales', 'document', id],
    queryFn: () => api.get<SalesDocumentView>(`/api/v1/${collection}/${id}`),
  });
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <QueryError error={doc.error} onRetry={() => doc.refetch()} />;
  return <Editor kind={doc.data.kind === 'quote' ? 'quote' : 'invoice'} existing={doc.data} />;
}

function Editor({ kind, existing }: { kind: 'quote' | 'invoice'; existing: SalesDocumentView | null }) {
  const { t } = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const money = useMoney();
  const today = new Date().toISOString().slice(0, 10);
  const activities = useQuery({
    queryKey: ['activities', 'mine-open'],
    queryFn: () => api.get<Page<Activity>>('/api/v1/activities', { status: 'open', limit: 200 }),
  });
  const form = useForm<Values>({
    initialValues: existing
      ? {
          activityId: existing.activity.id,
          clientId: existing.client.id,
          subject: existing.subject,
          validUntil: existing.validUntil ?? addDays(today, 30),
          serviceDate: existing.serviceDate ?? '',
          paymentTerm: existing.paymentTerm,
          paymentDays: existing.paymentDays,
          purchaseOrder: existing.purchaseOrder ?? '',
          notes: existing.notes,
          lines: existing.lines.map((l) => ({
            designation: l.designation,
            quantity: l.quantity,
            unitCode: l.unitCode as LineValues['unitCode'],
            unitPrice: l.unitPriceCents / 100,
            discount: l.discountCents / 100,
            vatCategory: l.vatCategory,
          })),
        }
      : {
          activityId: null,
          clientId: null,
          subject: '',
          validUntil: addDays(today, 30),
          serviceDate: '',
          paymentTerm: 'days',
          paymentDays: 30,
          purchaseOrder: '',
          notes: '',
          lines: [emptyLine()],
        },
  });
  const values = form.getValues();
  const body = (v: Values) => ({
    ...(existing ? {} : { activityId: v.activityId }),
    clientId: v.clientId,
    subject: v.subject,
    ...(kind === 'quote' ? { validUntil: v.validUntil } : {}),
    serviceDate: v.serviceDate || null,
    paymentTerm: v.paymentTerm,
    paymentDays: num(v.paymentDays),
    purchaseOrder: v.purchaseOrder || null,
    notes: v.notes,
    lines: v.lines.map(toLine),
  });
  const collection = collectionOf(kind as DocumentKind);
  const submit = useFormSubmit(form as never, {
    mutationFn: (v: Values) =>
      existing
        ? api.put<SalesDocumentView>(`/api/v1/${collection}/${existing.id}`, body(v))
        : api.post<SalesDocumentView>(`/api/v1/${collection}`, body(v)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['sales'] });
      navigate(documentPath(saved));
    },
  });

  const lines = values.lines.map(toLine);
  const nets = lines.map((l) => ({ netCents: safeNet(l), vatCategory: l.vatCategory }));
  const totals = computeTotals(nets, today);
  const title = existing
    ? t(kind === 'quote' ? 'sales.editQuote' : 'sales.editInvoice')
    : t(kind === 'quote' ? 'sales.newQuote' : 'sales.newInvoice');

  return (
    <>
      <PageHeader title={title} back={{ to: `/sales/${collection}`, label: t('sales.title') }} />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md">
          <Card withBorder>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Select
                label={t('sales.activity')}
                required
                disabled={Boolean(existing)}
                data={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
                {...form.getInputProps('activityId')}
              />
              <RemoteSelect<ClientSummary>
                label={t('sales.client')}
                required
                path="/api/v1/clients"
                toOption={(c) => ({ value: c.id, label: c.name })}
                known={existing ? { value: existing.client.id, label: existing.client.name } : null}
                value={values.clientId}
                onChange={(v) => form.setFieldValue('clientId', v)}
                error={form.errors.clientId}
              />
              <TextInput label={t('sales.subject')} {...form.getInputProps('subject')} />
              {kind === 'quote' ? (
                <TextInput
                  type="date"
                  label={t('sales.validUntil')}
                  required
                  {...form.getInputProps('validUntil')}
                />
              ) : (
                <TextInput
                  type="date"
                  label={t('sales.serviceDate')}
                  {...form.getInputProps('serviceDate')}
                />
              )}
              <Select
                label={t('sales.paymentTerm')}
                data={paymentTerms.map((p) => ({ value: p, label: t(key(`sales.terms.${p}`)) }))}
                allowDeselect={false}
                {...form.getInputProps('paymentTerm')}
              />
              {values.paymentTerm === 'days' && (
                <NumberInput
                  label={t('sales.paymentDays')}
                  min={0}
                  max={60}
                  allowDecimal={false}
                  {...form.getInputProps('paymentDays')}
                />
              )}
              <TextInput label={t('sales.purchaseOrder')} {...form.getInputProps('purchaseOrder')} />
            </SimpleGrid>
          </Card>

          <Card withBorder>
            <Text component="h2" fw={600} fz="lg" mb="sm">
              {t('sales.lines')}
            </Text>
            <Stack gap="sm">
              {values.lines.map((line, i) => (
                <Card
                  key={form.key(`lines.${i}`)}
                  padding="sm"
                  withBorder
                  bg="var(--mantine-color-gray-0)"
                  aria-label={`${t('sales.lines')} ${i + 1}`}
                >
                  <Stack gap="xs">
                    <Group align="flex-end" wrap="nowrap" gap="xs">
                      <TextInput
                        label={t('sales.designation')}
                        required
                        style={{ flex: 1 }}
                        {...form.getInputProps(`lines.${i}.designation`)}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        aria-label={t('sales.removeLine', { n: i + 1 })}
                        disabled={values.lines.length === 1}
                        onClick={() => form.removeListItem('lines', i)}
                      >
                        ×
                      </ActionIcon>
                    </Group>
                    <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
                      <NumberInput
                        label={t('sales.quantity')}
                        min={0}
                        decimalScale={3}
                        decimalSeparator=","
                        {...form.getInputProps(`lines.${i}.quantity`)}
                      />
                      <Select
                        label={t('sales.unit')}
                        data={unitCodes.map((u) => ({ value: u, label: t(key(`sales.units.${u}`)) }))}
                        allowDeselect={false}
                        {...form.getInputProps(`lines.${i}.unitCode`)}
                      />
                      <NumberInput
                        label={t('sales.unitPrice')}
                        min={0}
                        decimalScale={2}
                        decimalSeparator=","
                        {...form.getInputProps(`lines.${i}.unitPrice`)}
                      />
                      <NumberInput
                        label={t('sales.discount')}
                        min={0}
                        decimalScale={2}
                        decimalSeparator=","
                        {...form.getInputProps(`lines.${i}.discount`)}
                      />
                      <Select
                        label={t('sales.vatCategory')}
                        data={vatCategoryKeys.map((k) => ({
                          value: k,
                          label: t(key(`sales.vatCategories.${k}`)),
                        }))}
                        allowDeselect={false}
                        {...form.getInputProps(`lines.${i}.vatCategory`)}
                      />
                    </SimpleGrid>
                    <Text size="sm" ta="right" c="dimmed">
                      {t('sales.net')} : {money(safeNet(toLine(line)))}
                    </Text>
                  </Stack>
                </Card>
              ))}
              <Group>
                <Button variant="light" onClick={() => form.insertListItem('lines', emptyLine())}>
                  {t('sales.addLine')}
                </Button>
              </Group>
            </Stack>
            <TotalsTable totals={totals} />
          </Card>

          <Textarea label={t('sales.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          <FormError message={submit.error} />
          <Group>
            <Button type="submit" loading={submit.pending}>
              {t('sales.save')}
            </Button>
            <Button
              component={Link}
              to={existing ? documentPath(existing) : `/sales/${collection}`}
              variant="default"
            >
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}

/** A line's net while it is being typed (a discount above the price shows as zero, not as an error). */
const safeNet = (l: SalesLineInput) => {
  try {
    return Math.max(0, lineNet(l));
  } catch {
    return 0;
  }
};

export function TotalsTable({
  totals,
  prepaidCents = 0,
}: {
  totals: {
    groups: readonly { key: string; baseCents: number; vatCents: number }[];
    totalExclVatCents: number;
    totalVatCents: number;
    totalInclVatCents: number;
  };
  prepaidCents?: number;
}) {
  const { t } = useT();
  const money = useMoney();
  return (
    <Table mt="md" w="auto" ml="auto" withRowBorders={false} aria-label={t('sales.totalIncl')}>
      <Table.Tbody>
        <Table.Tr>
          <Table.Td>{t('sales.totalExcl')}</Table.Td>
          <Table.Td ta="right">{money(totals.totalExclVatCents)}</Table.Td>
        </Table.Tr>
        {totals.groups.map((g) => (
          <Table.Tr key={g.key}>
            <Table.Td>
              {t('sales.vat')} {t(key(`sales.vatCategories.${g.key}`))} ({money(g.baseCents)})
            </Table.Td>
            <Table.Td ta="right">{money(g.vatCents)}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Td fw={700}>{t('sales.totalIncl')}</Table.Td>
          <Table.Td ta="right" fw={700} data-testid="total-incl">
            {money(totals.totalInclVatCents)}
          </Table.Td>
        </Table.Tr>
        {prepaidCents > 0 && (
          <>
            <Table.Tr>
              <Table.Td>{t('sales.prepaid')}</Table.Td>
              <Table.Td ta="right">− {money(prepaidCents)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td fw={700}>{t('sales.dueAmount')}</Table.Td>
              <Table.Td ta="right" fw={700}>
                {money(totals.totalInclVatCents - prepaidCents)}
              </Table.Td>
            </Table.Tr>
          </>
        )}
      </Table.Tbody>
    </Table>
  );
}
