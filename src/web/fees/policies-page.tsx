// The direction's fee policies: per entity and activity kind, the timeline of versions (past, in
// force, planned), a form for a new version from today or later (never retroactive), and the split
// of the year's budget between the services the fees pay for.
import {
  Badge,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { can } from '../../domain/access.ts';
import { budgetServices } from '../../domain/fees/charge.ts';
import { activityKinds, feeBases } from '../../domain/fees/policy.ts';
import {
  type BudgetSharesView,
  type PolicyVersionView,
  policyVersionInput,
} from '../../domain/fees/schemas.ts';
import { api } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { useEntities } from '../queries.ts';
import { ConfirmButton } from '../ui/confirm.tsx';
import { eurosToCents, formatDate, formatDateTime, percentToBp } from '../ui/format.ts';
import { FormError, useErrorMessage, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Loading, NotFound, QueryError } from '../ui/states.tsx';
import { useTermsText } from './contribution-page.tsx';

const statusColor = { past: 'gray', current: 'commune', planned: 'blue' } as const;
const todayIso = () => new Date().toISOString().slice(0, 10);

export function FeePoliciesPage() {
  const { t } = useT();
  const actor = useActor();
  const entities = useEntities();
  const [entityId, setEntityId] = useState('');
  useEffect(() => {
    if (!entityId && entities.data?.[0]) setEntityId(entities.data[0].id);
  }, [entities.data, entityId]);
  const versions = useQuery({
    queryKey: ['fees', 'policies', entityId],
    queryFn: () => api.get<{ items: PolicyVersionView[] }>(`/api/v1/fees/policies?entityId=${entityId}`),
    enabled: Boolean(entityId),
  });
  if (!can(actor, 'fee.manage')) return <NotFound />;
  const entity = entities.data?.find((e) => e.id === entityId);
  return (
    <>
      <PageHeader
        title={t('fees.policiesTitle')}
        subtitle={t('fees.policiesIntro')}
        actions={
          <Select
            aria-label={t('fees.entity')}
            data={(entities.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
            value={entityId || null}
            onChange={(v) => setEntityId(v ?? '')}
            allowDeselect={false}
            w={{ base: '100%', xs: 320 }}
          />
        }
      />
      {!entityId || versions.isPending ? (
        <Loading />
      ) : versions.isError ? (
        <QueryError error={versions.error} onRetry={() => versions.refetch()} />
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Versions items={versions.data.items} />
            <NewVersion entityId={entityId} key={entityId} />
          </SimpleGrid>
          <Shares entityId={entityId} entityName={entity?.name ?? ''} key={`shares-${entityId}`} />
        </Stack>
      )}
    </>
  );
}

function Versions({ items }: { items: PolicyVersionView[] }) {
  const { t, lang } = useT();
  const termsText = useTermsText();
  const queryClient = useQueryClient();
  const messageOf = useErrorMessage();
  const withdraw = useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/fees/policies/${id}`),
    onSuccess: () => {
      notifications.show({ color: 'commune', message: t('fees.withdrawn') });
      void queryClient.invalidateQueries({ queryKey: ['fees', 'policies'] });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const kinds = activityKinds.filter((k) => items.some((v) => v.activityKind === k));
  return (
    <Section title={t('fees.timeline')}>
      <Stack gap="lg">
        {kinds.map((kind) => {
          const list = items.filter((v) => v.activityKind === kind).reverse();
          const active = list.findIndex((v) => v.status === 'current');
          return (
            <Stack key={kind} gap="xs">
              <Text fw={600} size="sm">
                {t(`fees.kinds.${kind}`)}
              </Text>
              <Timeline active={list.length - 1 - active} reverseActive bulletSize={16} lineWidth={2}>
                {list.map((v) => (
                  <Timeline.Item
                    key={v.id}
                    title={
                      <Group gap={8}>
                        <Text size="sm" fw={600}>
                          {v.effectiveFrom === '2000-01-01'
                            ? t('fees.sinceStart')
                            : t('fees.from', { date: formatDate(v.effectiveFrom, lang) })}
                        </Text>
                        <Badge size="sm" variant="light" color={statusColor[v.status]}>
                          {t(`fees.status.${v.status}`)}
                        </Badge>
                      </Group>
                    }
                  >
                    <Text size="sm">{termsText(v)}</Text>
                    {v.note && (
                      <Text size="xs" c="dimmed">
                        {v.note}
                      </Text>
                    )}
                    <Group gap="xs" mt={4}>
                      <Text size="xs" c="dimmed">
                        {t('fees.recordedOn', { date: formatDateTime(v.createdAt, lang) })}
                      </Text>
                      {v.status === 'planned' && (
                        <ConfirmButton
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          title={t('fees.withdrawTitle')}
                          message={t('fees.withdrawText', { date: formatDate(v.effectiveFrom, lang) })}
                          onConfirm={() => withdraw.mutateAsync(v.id)}
                          loading={withdraw.isPending}
                        >
                          {t('fees.withdraw')}
                        </ConfirmButton>
                      )}
                    </Group>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Stack>
          );
        })}
      </Stack>
    </Section>
  );
}

type Values = {
  activityKind: string;
  effectiveFrom: string;
  rate: number | string;
  base: string;
  minimum: number | string;
  tierThreshold: number | string;
  reducedRate: number | string;
  fundShare: number | string;
  note: string;
};

const num = (v: number | string) => (v === '' ? null : Number(v));
const bodyOf = (entityId: string) => (v: Values) => ({
  entityId,
  activityKind: v.activityKind,
  effectiveFrom: v.effectiveFrom,
  rateBp: v.rate === '' ? undefined : percentToBp(Number(v.rate)),
  base: v.base,
  minimumYearCents: num(v.minimum) === null ? null : eurosToCents(Number(v.minimum)),
  tierThresholdCents: num(v.tierThreshold) === null ? null : eurosToCents(Number(v.tierThreshold)),
  reducedRateBp: num(v.reducedRate) === null ? null : percentToBp(Number(v.reducedRate)),
  fundShareBp: v.fundShare === '' ? 0 : percentToBp(Number(v.fundShare)),
  note: v.note.trim(),
});

function NewVersion({ entityId }: { entityId: string }) {
  const { t, lang } = useT();
  const queryClient = useQueryClient();
  const toBody = bodyOf(entityId);
  const form = useForm<Values, ReturnType<typeof toBody>>({
    initialValues: {
      activityKind: 'general',
      effectiveFrom: todayIso(),
      rate: '',
      base: 'invoiced',
      minimum: '',
      tierThreshold: '',
      reducedRate: '',
      fundShare: '',
      note: '',
    },
    validate: validateWith(policyVersionInput, toBody),
    transformValues: toBody,
  });
  const submit = useFormSubmit(form, {
    mutationFn: (body) => api.post<PolicyVersionView>('/api/v1/fees/policies', body),
    onSuccess: (saved) => {
      notifications.show({
        color: 'commune',
        message: t('fees.versionCreated', { date: formatDate(saved.effectiveFrom, lang) }),
      });
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['fees', 'policies'] });
    },
  });
  const decimal = lang === 'fr' ? ',' : '.';
  const thousands = lang === 'fr' ? ' ' : ',';
  const percent = {
    min: 0,
    max: 100,
    step: 0.5,
    decimalScale: 2,
    decimalSeparator: decimal,
    allowNegative: false,
  };
  const euros = {
    min: 0,
    decimalScale: 2,
    decimalSeparator: decimal,
    thousandSeparator: thousands,
    allowNegative: false,
  };
  return (
    <Section title={t('fees.newVersion')}>
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('fees.newVersionHelp')}
          </Text>
          <FormError message={submit.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('fees.activityKind')}
              data={activityKinds.map((k) => ({ value: k, label: t(`fees.kinds.${k}`) }))}
              allowDeselect={false}
              {...form.getInputProps('activityKind')}
            />
            <TextInput
              type="date"
              label={t('fees.effectiveFrom')}
              min={todayIso()}
              required
              {...form.getInputProps('effectiveFrom')}
            />
            <NumberInput
              label={t('fees.rate')}
              required
              suffix=" %"
              {...percent}
              {...form.getInputProps('rate')}
            />
            <Select
              label={t('fees.base')}
              data={feeBases.map((b) => ({ value: b, label: t(`fees.bases.${b}`) }))}
              allowDeselect={false}
              {...form.getInputProps('base')}
            />
            <NumberInput
              label={t('fees.tierThreshold')}
              description={t('fees.tierHelp')}
              suffix=" €"
              {...euros}
              {...form.getInputProps('tierThreshold')}
            />
            <NumberInput
              label={t('fees.reducedRate')}
              suffix=" %"
              {...percent}
              {...form.getInputProps('reducedRate')}
            />
            <NumberInput
              label={t('fees.minimum')}
              description={t('fees.minimumHelp')}
              suffix=" €"
              {...euros}
              {...form.getInputProps('minimum')}
            />
            <NumberInput
              label={t('fees.fundShare')}
              description={t('fees.fundShareHelp')}
              suffix=" %"
              {...percent}
              {...form.getInputProps('fundShare')}
            />
          </SimpleGrid>
          <Textarea label={t('fees.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <Group>
            <Button type="submit" loading={submit.pending}>
              {t('fees.addVersion')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function Shares({ entityId, entityName }: { entityId: string; entityName: string }) {
  const { t, lang } = useT();
  const queryClient = useQueryClient();
  const messageOf = useErrorMessage();
  const [year, setYear] = useState(String(new Date().getUTCFullYear()));
  const shares = useQuery({
    queryKey: ['fees', 'shares', entityId, year],
    queryFn: () => api.get<BudgetSharesView>(`/api/v1/fees/budget-shares/${entityId}/${year}`),
  });
  const [values, setValues] = useState<Record<string, number | string>>({});
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!shares.data) return;
    setValues(Object.fromEntries(shares.data.shares.map((s) => [s.service, s.shareBp / 100])));
    setNote(shares.data.note);
  }, [shares.data]);
  const total = budgetServices.reduce((s, k) => s + percentToBp(Number(values[k] || 0)), 0);
  const save = useMutation({
    mutationFn: () =>
      api.put<BudgetSharesView>(`/api/v1/fees/budget-shares/${entityId}/${year}`, {
        shares: budgetServices
          .map((service) => ({ service, shareBp: percentToBp(Number(values[service] || 0)) }))
          .filter((s) => s.shareBp > 0),
        note,
      }),
    onSuccess: () => {
      notifications.show({ color: 'commune', message: t('common.saved') });
      void queryClient.invalidateQueries({ queryKey: ['fees', 'shares'] });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const decimal = lang === 'fr' ? ',' : '.';
  const years = Array.from({ length: 3 }, (_, i) => String(new Date().getUTCFullYear() + 1 - i));
  return (
    <Section
      title={t('fees.sharesTitle', { entity: entityName })}
      actions={
        <Select
          aria-label={t('fees.year')}
          data={years}
          value={year}
          onChange={(v) => setYear(v ?? year)}
          allowDeselect={false}
          w={100}
        />
      }
    >
      {shares.isPending ? (
        <Loading />
      ) : shares.isError ? (
        <QueryError error={shares.error} onRetry={() => shares.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('fees.sharesHelp')}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            {budgetServices.map((service) => (
              <NumberInput
                key={service}
                label={t(`fees.services.${service}`)}
                suffix=" %"
                min={0}
                max={100}
                decimalScale={2}
                decimalSeparator={decimal}
                allowNegative={false}
                value={values[service] ?? ''}
                onChange={(v) => setValues((x) => ({ ...x, [service]: v }))}
              />
            ))}
          </SimpleGrid>
          <TextInput label={t('fees.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Group justify="space-between">
            <Text size="sm" fw={600} c={total === 10_000 ? 'commune.8' : 'red.7'} aria-live="polite">
              {t('fees.sharesTotal', {
                total: (total / 100).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB'),
              })}
            </Text>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={total !== 10_000}>
              {t('fees.saveShares')}
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
