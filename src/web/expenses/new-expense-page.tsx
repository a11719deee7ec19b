// Recording an expense from a phone: a receipt (photo from the camera or a PDF) with its amounts
// checked as they are typed, a trip whose allowance from the mileage scale is shown before sending,
// or a supplier invoice. Saved as a draft or sent to the adviser at once.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { expenseCategories } from '../../domain/expenses/categories.ts';
import { type ExpenseKind, type ExpenseView, expenseInput } from '../../domain/expenses/schemas.ts';
import { parseAmount } from '../../domain/money.ts';
import { api, type Page } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { currentLanguage, useT } from '../i18n/index.ts';
import type { Activity } from '../types.ts';
import { formatMoney } from '../ui/format.ts';
import { FormError, useFormSubmit, zodErrors } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Loading, NotFound, QueryError } from '../ui/states.tsx';
import { readReceipt } from './expenses-page.tsx';

type Values = {
  kind: ExpenseKind;
  activityId: string;
  expenseDate: string;
  label: string;
  supplierName: string;
  category: string;
  amountExclVatCents: string;
  vatCents: string;
  amountInclVatCents: string;
  invoiceToCoop: boolean;
  vehicleKind: 'car' | 'motorcycle';
  fiscalCv: string;
  electric: boolean;
  distanceKm: string;
  tripFrom: string;
  tripTo: string;
  supplierSiren: string;
  supplierInvoiceNumber: string;
  dueDate: string;
  supplierIban: string;
  supplierBic: string;
};

type Receipt = { fileName: string; contentBase64: string; size: number };

const today = () => new Date().toISOString().slice(0, 10);
const euros = (text: string) => (text.trim() === '' ? Number.NaN : (parseAmount(text) ?? Number.NaN));
const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);

/** The request body the form stands for (the same zod schema checks it here and on the server). */
function bodyOf(v: Values, receipt: Receipt | null) {
  const common = {
    kind: v.kind,
    activityId: v.activityId,
    expenseDate: v.expenseDate,
    label: v.label,
    ...(receipt ? { receipt: { fileName: receipt.fileName, contentBase64: receipt.contentBase64 } } : {}),
  };
  if (v.kind === 'mileage') {
    const { receipt: _r, ...trip } = common as typeof common & { receipt?: unknown };
    return {
      ...trip,
      vehicleKind: v.vehicleKind,
      fiscalCv: whole(v.fiscalCv),
      electric: v.electric,
      distanceKm: whole(v.distanceKm),
      tripFrom: v.tripFrom,
      tripTo: v.tripTo,
    };
  }
  const amounts = {
    supplierName: v.supplierName,
    category: v.category,
    amountExclVatCents: euros(v.amountExclVatCents),
    vatCents: euros(v.vatCents),
    amountInclVatCents: euros(v.amountInclVatCents),
  };
  if (v.kind === 'receipt') return { ...common, ...amounts, invoiceToCoop: v.invoiceToCoop };
  return {
    ...common,
    ...amounts,
    supplierSiren: v.supplierSiren.trim() || null,
    supplierInvoiceNumber: v.supplierInvoiceNumber,
    dueDate: v.dueDate,
    supplierIban: v.supplierIban,
    supplierBic: v.supplierBic.trim() || null,
  };
}

export function NewExpensePage() {
  const actor = useActor();
  const activities = useQuery({
    queryKey: ['activities', 'mine-for-expenses'],
    queryFn: () => api.get<Page<Activity>>('/api/v1/activities', { limit: 200 }),
  });
  if (!actor.memberId) return <NotFound />;
  if (activities.isPending) return <Loading />;
  if (activities.isError) return <QueryError error={activities.error} />;
  const mine = activities.data.items.filter(
    (a) => a.status === 'open' && a.members.some((m) => m.id === actor.memberId),
  );
  return <ExpenseForm activities={mine} />;
}

function ExpenseForm({ activities }: { activities: Activity[] }) {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [file, setFile] = useState<File | null>(null);
  // Which button sent the form: read by validation and the mutation in the same event.
  const sendNow = useRef(true);
  const [inclTouched, setInclTouched] = useState(false);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      kind: 'receipt',
      activityId: params.get('activityId') ?? activities[0]?.id ?? '',
      expenseDate: today(),
      label: '',
      supplierName: '',
      category: '',
      amountExclVatCents: '',
      vatCents: '',
      amountInclVatCents: '',
      invoiceToCoop: false,
      vehicleKind: 'car',
      fiscalCv: '',
      electric: false,
      distanceKm: '',
      tripFrom: '',
      tripTo: '',
      supplierSiren: '',
      supplierInvoiceNumber: '',
      dueDate: '',
      supplierIban: '',
      supplierBic: '',
    },
    validate: (v) => {
      const errors = zodErrors(expenseInput, bodyOf(v, receipt), currentLanguage());
      // A receipt is required to send (mileage has none); a draft may wait for it.
      if (v.kind !== 'mileage' && !receipt && (sendNow.current || v.kind === 'supplier_invoice'))
        errors.receipt = t('expenses.fileHelp');
      return errors;
    },
  });
  const v = form.values;

  const submit = useFormSubmit(form, {
    mutationFn: async (values: Values) => {
      const created = await api.post<ExpenseView>('/api/v1/expenses', bodyOf(values, receipt));
      return sendNow.current ? api.post<ExpenseView>(`/api/v1/expenses/${created.id}/submit`) : created;
    },
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['expenses'] });
      notifications.show({
        color: 'teal',
        message: saved.status === 'submitted' ? t('expenses.createdAndSubmitted') : t('expenses.created'),
      });
      navigate(`/expenses?activityId=${saved.activity.id}`);
    },
  });

  // Amounts: incl. VAT follows excl. VAT + VAT until the person types it themself.
  const setAmount = (field: 'amountExclVatCents' | 'vatCents', value: string) => {
    form.setFieldValue(field, value);
    if (inclTouched) return;
    const next = { ...v, [field]: value };
    const ht = euros(next.amountExclVatCents);
    const vat = euros(next.vatCents || '0');
    if (Number.isFinite(ht) && Number.isFinite(vat))
      form.setFieldValue('amountInclVatCents', ((ht + vat) / 100).toFixed(2).replace('.', ','));
  };
  const ht = euros(v.amountExclVatCents);
  const vat = euros(v.vatCents);
  const ttc = euros(v.amountInclVatCents);
  const amountsKnown = [ht, vat, ttc].every(Number.isFinite);
  const consistent = amountsKnown && ht + vat === ttc;

  const tripReady =
    v.kind === 'mileage' && v.activityId && Number.isFinite(whole(v.fiscalCv)) && whole(v.distanceKm) > 0;
  const estimate = useQuery({
    queryKey: [
      'mileage-estimate',
      v.activityId,
      v.expenseDate,
      v.vehicleKind,
      v.fiscalCv,
      v.electric,
      v.distanceKm,
    ],
    queryFn: () =>
      api.post<{ kmBefore: number; amountCents: number; scaleSource: string }>(
        '/api/v1/expenses/mileage-estimate',
        {
          activityId: v.activityId,
          expenseDate: v.expenseDate,
          vehicleKind: v.vehicleKind,
          fiscalCv: whole(v.fiscalCv),
          electric: v.electric,
          distanceKm: whole(v.distanceKm),
        },
      ),
    enabled: Boolean(tripReady),
    retry: false,
  });

  const categories = expenseCategories
    .filter((c) => !c.mileage)
    .map((c) => ({ value: c.code, label: c.label[lang] }));

  return (
    <>
      <PageHeader title={t('expenses.new')} back={{ to: '/expenses', label: t('expenses.myTitle') }} />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md" maw={720}>
          <SegmentedControl
            fullWidth
            data={(['receipt', 'mileage', 'supplier_invoice'] as const).map((k) => ({
              value: k,
              label: t(`expenses.kinds.${k}`),
            }))}
            {...form.getInputProps('kind')}
          />
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Select
                label={t('expenses.activity')}
                data={activities.map((a) => ({ value: a.id, label: a.name }))}
                required
                allowDeselect={false}
                {...form.getInputProps('activityId')}
              />
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                <TextInput
                  type="date"
                  label={t('expenses.date')}
                  required
                  {...form.getInputProps('expenseDate')}
                />
                {v.kind !== 'mileage' && (
                  <Select
                    label={t('expenses.category')}
                    data={categories}
                    required
                    searchable
                    {...form.getInputProps('category')}
                  />
                )}
              </SimpleGrid>
              <TextInput
                label={v.kind === 'mileage' ? t('expenses.labelTrip') : t('expenses.label')}
                required
                maxLength={200}
                {...form.getInputProps('label')}
              />
            </Stack>
          </Card>

          {v.kind === 'mileage' ? (
            <Card withBorder padding="md">
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <TextInput label={t('expenses.from')} required {...form.getInputProps('tripFrom')} />
                  <TextInput label={t('expenses.to')} required {...form.getInputProps('tripTo')} />
                  <Select
                    label={t('expenses.vehicle')}
                    data={(['car', 'motorcycle'] as const).map((k) => ({
                      value: k,
                      label: t(`expenses.vehicles.${k}`),
                    }))}
                    allowDeselect={false}
                    {...form.getInputProps('vehicleKind')}
                  />
                  <TextInput
                    label={t('expenses.fiscalCv')}
                    inputMode="numeric"
                    required
                    {...form.getInputProps('fiscalCv')}
                  />
                  <TextInput
                    label={t('expenses.km')}
                    inputMode="numeric"
                    required
                    {...form.getInputProps('distanceKm')}
                  />
                </SimpleGrid>
                <Checkbox
                  label={t('expenses.electric')}
                  {...form.getInputProps('electric', { type: 'checkbox' })}
                />
                <Alert color={estimate.data ? 'teal' : 'gray'} variant="light" aria-live="polite">
                  {estimate.data ? (
                    <Stack gap={2}>
                      <Text fw={600} data-testid="mileage-estimate">
                        {t('expenses.estimate', { amount: formatMoney(estimate.data.amountCents, lang) })}
                      </Text>
                      <Text size="xs">
                        {t('expenses.estimateDetail', {
                          source: estimate.data.scaleSource,
                          before: estimate.data.kmBefore.toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR'),
                        })}
                      </Text>
                    </Stack>
                  ) : (
                    t('expenses.estimatePending')
                  )}
                </Alert>
              </Stack>
            </Card>
          ) : (
            <Card withBorder padding="md">
              <Stack gap="sm">
                <TextInput
                  label={t('expenses.supplier')}
                  required
                  maxLength={120}
                  {...form.getInputProps('supplierName')}
                />
                {v.kind === 'supplier_invoice' && (
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                    <TextInput
                      label={t('expenses.invoiceNumber')}
                      required
                      {...form.getInputProps('supplierInvoiceNumber')}
                    />
                    <TextInput
                      type="date"
                      label={t('expenses.dueDate')}
                      required
                      {...form.getInputProps('dueDate')}
                    />
                    <TextInput
                      label={t('expenses.supplierIban')}
                      required
                      autoComplete="off"
                      {...form.getInputProps('supplierIban')}
                    />
                    <TextInput label={t('expenses.supplierBic')} {...form.getInputProps('supplierBic')} />
                    <TextInput
                      label={t('expenses.supplierSiren')}
                      inputMode="numeric"
                      {...form.getInputProps('supplierSiren')}
                    />
                  </SimpleGrid>
                )}
                <SimpleGrid cols={{ base: 3 }} spacing="xs">
                  <TextInput
                    label={t('expenses.exclVat')}
                    inputMode="decimal"
                    required
                    {...form.getInputProps('amountExclVatCents')}
                    onChange={(e) => setAmount('amountExclVatCents', e.currentTarget.value)}
                  />
                  <TextInput
                    label={t('expenses.vat')}
                    inputMode="decimal"
                    required
                    {...form.getInputProps('vatCents')}
                    onChange={(e) => setAmount('vatCents', e.currentTarget.value)}
                  />
                  <TextInput
                    label={t('expenses.inclVat')}
                    inputMode="decimal"
                    required
                    {...form.getInputProps('amountInclVatCents')}
                    onChange={(e) => {
                      setInclTouched(true);
                      form.setFieldValue('amountInclVatCents', e.currentTarget.value);
                    }}
                  />
                </SimpleGrid>
                {amountsKnown && (
                  <Text
                    size="sm"
                    c={consistent ? 'teal.8' : 'red.8'}
                    aria-live="polite"
                    data-testid="amounts-check"
                  >
                    {consistent
                      ? `✓ ${t('expenses.consistent')}`
                      : t('expenses.inconsistent', { sum: formatMoney(ht + vat, lang) })}
                  </Text>
                )}
                {v.kind === 'receipt' && (
                  <Checkbox
                    label={t('expenses.invoiceToCoop')}
                    description={t('expenses.invoiceToCoopHelp')}
                    {...form.getInputProps('invoiceToCoop', { type: 'checkbox' })}
                  />
                )}
                <FileInput
                  label={t('expenses.file')}
                  description={t('expenses.fileHelp')}
                  accept="image/*,application/pdf"
                  value={file}
                  clearable
                  error={form.errors.receipt}
                  required
                  onChange={async (f) => {
                    setFile(f);
                    form.clearFieldError('receipt');
                    setReceipt(f ? { ...(await readReceipt(f)), size: f.size } : null);
                  }}
                  data-path="receipt"
                />
              </Stack>
            </Card>
          )}

          <FormError message={submit.error} />
          <Group justify="flex-end" gap="sm">
            <Button
              type="submit"
              variant="default"
              loading={submit.pending && !sendNow.current}
              onClick={() => {
                sendNow.current = false;
              }}
            >
              {t('expenses.saveDraft')}
            </Button>
            <Button
              type="submit"
              loading={submit.pending && sendNow.current}
              onClick={() => {
                sendNow.current = true;
              }}
            >
              {t('expenses.saveAndSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
