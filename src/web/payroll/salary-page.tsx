// A member's salary: ask for a salary from one of their activities (an employer budget, a gross or
// a net for a month) with the payslip it would give computed live, the requests they made and what
// became of them, and their payslips to download.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PayslipView, SalaryPreviewView, SalaryRequestView } from '../../domain/payroll/requests.ts';
import { api, isApiError, type Page, request } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { GuaranteeHint, RequestCover, useCoversByRequest } from '../guarantee/cover-note.tsx';
import { useT } from '../i18n/index.ts';
import { formatDate, formatMoney } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

type Kind = 'employerCost' | 'gross' | 'net';
type ActivityOption = { id: string; name: string; status: string; entity: { code: string } };

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
const thisMonth = () => new Date().toISOString().slice(0, 7);

export const statusColors: Record<SalaryRequestView['status'], string> = {
  submitted: 'blue',
  validated: 'teal',
  returned: 'orange',
  cancelled: 'gray',
  paid: 'green',
};

export function SalaryPage() {
  const actor = useActor();
  return actor.memberId ? <Salary /> : <NotFound />;
}

function Salary() {
  const { t } = useT();
  return (
    <>
      <PageHeader title={t('salary.title')} subtitle={t('salary.subtitle')} />
      <Stack gap="lg">
        <RequestForm />
        <MyRequests />
        <MyPayslips />
      </Stack>
    </>
  );
}

function RequestForm() {
  const { t, lang } = useT();
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const activities = useQuery({
    queryKey: ['activities', 'mine', 'open'],
    queryFn: () => api.get<Page<ActivityOption>>('/api/v1/activities', { limit: 200 }),
  });
  const open = activities.data?.items.filter((a) => a.status === 'open') ?? [];
  const [activityId, setActivityId] = useState<string | null>(null);
  const activity = activityId ?? open[0]?.id ?? null;
  const [period, setPeriod] = useState(thisMonth);
  const [kind, setKind] = useState<Kind>('employerCost');
  const [amount, setAmount] = useState<number | string>('');
  const [key, setKey] = useState(newKey);
  const cents = typeof amount === 'number' && amount > 0 ? Math.round(amount * 100) : null;
  const body =
    activity && cents && /^\d{4}-\d{2}$/.test(period)
      ? { activityId: activity, period, amountKind: kind, amountCents: cents }
      : null;
  const [debounced] = useDebouncedValue(body, 500);

  const balance = useQuery({
    queryKey: ['salary-balance', activity],
    queryFn: () => api.get<SalaryPreviewView['balance']>(`/api/v1/activities/${activity}/salary-balance`),
    enabled: Boolean(activity),
  });
  const preview = useQuery({
    queryKey: ['salary-preview', debounced],
    queryFn: () => api.post<SalaryPreviewView>('/api/v1/salary-requests/preview', debounced),
    enabled: Boolean(debounced),
    retry: false,
  });
  const submit = useMutation({
    mutationFn: () =>
      request<SalaryRequestView>('/api/v1/salary-requests', { method: 'POST', idempotencyKey: key, body }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('salary.sent') });
      setKey(newKey());
      setAmount('');
      void client.invalidateQueries({ queryKey: ['salary-requests'] });
      void client.invalidateQueries({ queryKey: ['salary-balance'] });
      void client.invalidateQueries({ queryKey: ['guarantee-covers'] });
      void client.invalidateQueries({ queryKey: ['guarantee-preview'] });
    },
  });

  if (activities.isPending) return <Loading />;
  if (activities.isError) return <QueryError error={activities.error} />;
  if (open.length === 0) return <Empty>{t('salary.noActivity')}</Empty>;
  const p = preview.data;
  const money = (c: number) => formatMoney(c, lang);
  const previewError = preview.isError
    ? isApiError(preview.error)
      ? preview.error.problem.detail
      : errorMessage(preview.error)
    : null;
  const available = balance.data?.availableForSalaryCents;
  return (
    <Section title={t('salary.ask')}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('salary.activity')}
            data={open.map((a) => ({ value: a.id, label: `${a.name} (${a.entity.code})` }))}
            value={activity}
            onChange={setActivityId}
            allowDeselect={false}
          />
          <TextInput
            label={t('salary.period')}
            type="month"
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value)}
          />
          <NumberInput
            label={t(`salary.amount.${kind}`)}
            value={amount}
            onChange={setAmount}
            min={0}
            decimalScale={2}
            decimalSeparator={lang === 'fr' ? ',' : '.'}
            thousandSeparator={lang === 'fr' ? ' ' : ','}
            suffix=" €"
          />
        </SimpleGrid>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={(['employerCost', 'gross', 'net'] as const).map((k) => ({
            value: k,
            label: t(`salary.kind.${k}`),
          }))}
          aria-label={t('salary.kindLabel')}
        />
        {available !== undefined && (
          <Text size="sm" c="dimmed">
            {t('salary.available', { amount: money(available) })}
            {balance.data && balance.data.pendingSalaryCents > 0
              ? ` · ${t('salary.pending', { amount: money(balance.data.pendingSalaryCents) })}`
              : ''}
          </Text>
        )}
        {previewError && <Alert color="orange">{previewError}</Alert>}
        {preview.isFetching && !p && <Loading label={t('salary.computing')} />}
        {p && debounced && !preview.isError && (
          <Paper withBorder p="md" aria-live="polite">
            <Text fw={600} mb="xs">
              {t('salary.preview')}
            </Text>
            <Table>
              <Table.Tbody>
                <Row label={t('salary.gross')} value={money(p.simulation.grossPayCents)} />
                <Row
                  label={t('salary.employeeContributions')}
                  value={money(-p.simulation.employeeContributionsCents)}
                />
                <Row label={t('salary.netBeforeTax')} value={money(p.simulation.netCents)} strong />
                <Row
                  label={t('salary.withholding', {
                    rate: (p.simulation.withholding.rateBp / 100).toLocaleString(lang),
                  })}
                  value={money(-p.simulation.withholding.amountCents)}
                />
                <Row label={t('salary.netPaid')} value={money(p.simulation.netAfterTaxCents)} strong />
                <Row
                  label={t('salary.employerContributions')}
                  value={money(p.simulation.employerContributionsCents)}
                />
                <Row label={t('salary.employerCost')} value={money(p.simulation.employerCostCents)} strong />
                <Row label={t('salary.hours')} value={`${p.hoursPerMonth.toLocaleString(lang)} h`} />
              </Table.Tbody>
            </Table>
            {p.reservedCents > p.balance.availableForSalaryCents && activity && (
              // Beyond the balance, the guarantee fund may cover it (ADR 0016): it says what and why.
              <GuaranteeHint
                activityId={activity}
                neededCents={p.reservedCents - p.balance.availableForSalaryCents}
              />
            )}
          </Paper>
        )}
        <FormError message={submit.isError ? errorMessage(submit.error) : null} />
        <Group>
          <Button
            onClick={() => submit.mutate()}
            loading={submit.isPending}
            disabled={!body || !p || preview.isError}
          >
            {t('salary.send')}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

function Row({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Td fw={strong ? 700 : undefined}>{label}</Table.Td>
      <Table.Td ta="right" fw={strong ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Table.Td>
    </Table.Tr>
  );
}

function MyRequests() {
  const { t, lang } = useT();
  const requests = useQuery({
    queryKey: ['salary-requests', 'mine'],
    queryFn: () => api.get<Page<SalaryRequestView>>('/api/v1/salary-requests', { limit: 50 }),
  });
  const covers = useCoversByRequest(requests.data?.items.map((r) => r.activity.id) ?? []);
  if (requests.isPending) return <Loading />;
  if (requests.isError) return <QueryError error={requests.error} />;
  return (
    <Section title={t('salary.myRequests')}>
      {requests.data.items.length === 0 ? (
        <Empty>{t('salary.noRequests')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('salary.period')}</Table.Th>
                <Table.Th>{t('salary.activity')}</Table.Th>
                <Table.Th ta="right">{t('salary.gross')}</Table.Th>
                <Table.Th ta="right">{t('salary.employerCost')}</Table.Th>
                <Table.Th>{t('salary.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.period}</Table.Td>
                  <Table.Td>{r.activity.name}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.grossCents, lang)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.employerCostCents, lang)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColors[r.status]} variant="light">
                      {t(`salary.statuses.${r.status}`)}
                    </Badge>
                    {r.comment && (
                      <Text size="xs" c="dimmed">
                        {r.comment}
                      </Text>
                    )}
                    <RequestCover covers={covers.get(r.id) ?? []} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function MyPayslips() {
  const { t, lang } = useT();
  const payslips = useQuery({
    queryKey: ['payslips', 'mine'],
    queryFn: () => api.get<Page<PayslipView>>('/api/v1/payslips', { limit: 50 }),
  });
  if (payslips.isPending) return <Loading />;
  if (payslips.isError) return <QueryError error={payslips.error} />;
  return (
    <Section title={t('salary.myPayslips')}>
      {payslips.data.items.length === 0 ? (
        <Empty>{t('salary.noPayslips')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('salary.period')}</Table.Th>
                <Table.Th>{t('salary.employer')}</Table.Th>
                <Table.Th ta="right">{t('salary.gross')}</Table.Th>
                <Table.Th ta="right">{t('salary.netPaid')}</Table.Th>
                <Table.Th>{t('salary.computedOn')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payslips.data.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{s.period}</Table.Td>
                  <Table.Td>{s.entity.name}</Table.Td>
                  <Table.Td ta="right">{formatMoney(s.grossPayCents, lang)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(s.netPaidCents, lang)}</Table.Td>
                  <Table.Td>{formatDate(s.computedAt, lang)}</Table.Td>
                  <Table.Td>
                    <Anchor href={`/api/v1/payslips/${s.id}/pdf`} download>
                      {t('salary.downloadPayslip', { period: s.period })}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
