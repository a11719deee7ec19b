// The payroll team's desk: the salary requests waiting for a decision (validate, or return with a
// comment), those the guarantee fund covers first with the day they must be paid by, the covered
// salaries validated and still to pay with a prompt to pay them by an extra run of their month, the
// month's runs of an entity (open one, compute it — progress as it goes —, close it, download its
// SEPA file and its contribution totals), and the employment contracts.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { can } from '../../domain/access.ts';
import { type PayableUrgency, requestUrgency } from '../../domain/guarantee/payable.ts';
import type { ContractView } from '../../domain/payroll/contracts.ts';
import type {
  ContributionTotalsView,
  PayrollRunView,
  SalaryRequestView,
} from '../../domain/payroll/requests.ts';
import { api, type Page, request } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { entityOptions, useEntities } from '../queries.ts';
import { formatDate, formatMoney } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { RemoteSelect } from '../ui/remote-select.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;

export function PayrollPage() {
  const actor = useActor();
  return can(actor, 'payroll.run') ? <Payroll /> : <NotFound />;
}

function Payroll() {
  const { t } = useT();
  const entities = useEntities();
  const [entityId, setEntityId] = useState<string | null>(null);
  const entity = entityId ?? entities.data?.[0]?.id ?? null;
  if (entities.isPending) return <Loading />;
  if (entities.isError) return <QueryError error={entities.error} />;
  return (
    <>
      <PageHeader title={t('payrollDesk.title')} subtitle={t('payrollDesk.subtitle')} />
      <Stack gap="lg">
        <Select
          label={t('payrollDesk.entity')}
          data={entityOptions(entities.data)}
          value={entity}
          onChange={setEntityId}
          allowDeselect={false}
          w={{ base: '100%', sm: 360 }}
        />
        {entity && <Queue entityId={entity} />}
        {entity && <CoveredToPay entityId={entity} />}
        {entity && <Runs entityId={entity} />}
        {entity && <Contracts entityId={entity} />}
      </Stack>
    </>
  );
}

/** The day as the desk reads it (the server's clock is UTC too). */
const todayIso = () => new Date().toISOString().slice(0, 10);

const urgencyColors: Record<PayableUrgency, string> = { overdue: 'red', due: 'orange', later: 'blue' };

/**
 * "À payer au plus tard le …" for a salary the guarantee fund covers: orange when the day is within
 * two working days, red once it has passed, the words saying so beside the colour.
 */
function PayableBy({ request: r, today }: { request: SalaryRequestView; today: string }) {
  const { t, lang } = useT();
  if (!r.payableOn) return null;
  const urgency = requestUrgency(r, today);
  return (
    <Stack gap={2} align="flex-start" data-testid="payable-by" data-urgency={urgency ?? 'none'}>
      {/* Past its day: filled, on the darkest red (white text at more than 4.5:1). */}
      <Badge
        color={urgency === 'overdue' ? 'red.9' : urgency ? urgencyColors[urgency] : 'gray'}
        variant={urgency === 'overdue' ? 'filled' : 'light'}
        tt="none"
      >
        {t('payrollDesk.payableBy', { date: formatDate(r.payableOn, lang) })}
      </Badge>
      {urgency === 'overdue' && (
        <Text size="xs" c="red.8" fw={600}>
          {t('payrollDesk.payableOverdue')}
        </Text>
      )}
      {urgency === 'due' && (
        <Text size="xs" c="orange.9" fw={600}>
          {t('payrollDesk.payableDue')}
        </Text>
      )}
    </Stack>
  );
}

function Queue({ entityId }: { entityId: string }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [comments, setComments] = useState<Record<string, string>>({});
  const today = todayIso();
  const queue = useQuery({
    queryKey: ['salary-requests', 'queue', entityId],
    // Those the fund covers first, the nearest payable-by day first: they are the ones to pay by a date.
    queryFn: () =>
      api.get<Page<SalaryRequestView>>('/api/v1/salary-requests', {
        entityId,
        status: 'submitted',
        sort: 'payableOn',
        limit: 200,
      }),
  });
  const decide = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'validation' | 'return' }) =>
      api.post<SalaryRequestView>(
        `/api/v1/salary-requests/${id}/${action}`,
        action === 'return' ? { comment: comments[id] ?? '' } : {},
      ),
    onSuccess: (r) => {
      notifications.show({
        color: 'teal',
        message: t(
          r.status === 'returned' ? 'payrollDesk.decided.returned' : 'payrollDesk.decided.validated',
        ),
      });
      void client.invalidateQueries({ queryKey: ['salary-requests'] });
      void client.invalidateQueries({ queryKey: ['payroll-runs'] });
    },
  });
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <QueryError error={queue.error} />;
  return (
    <Section title={t('payrollDesk.queue')}>
      <FormError message={decide.isError ? errorMessage(decide.error) : null} />
      {queue.data.items.length === 0 ? (
        <Empty>{t('payrollDesk.emptyQueue')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={940}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('payrollDesk.member')}</Table.Th>
                <Table.Th>{t('salary.activity')}</Table.Th>
                <Table.Th>{t('salary.period')}</Table.Th>
                <Table.Th ta="right">{t('salary.gross')}</Table.Th>
                <Table.Th ta="right">{t('salary.employerCost')}</Table.Th>
                <Table.Th>{t('payrollDesk.fund')}</Table.Th>
                <Table.Th>{t('payrollDesk.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queue.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {r.member.firstName} {r.member.lastName}
                  </Table.Td>
                  <Table.Td>{r.activity.name}</Table.Td>
                  <Table.Td>{r.period}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.grossCents, lang)}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.employerCostCents, lang)}</Table.Td>
                  <Table.Td miw={170}>
                    <PayableBy request={r} today={today} />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={6}>
                      <Group gap="xs">
                        <Button size="xs" onClick={() => decide.mutate({ id: r.id, action: 'validation' })}>
                          {t('payrollDesk.validate')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          disabled={!comments[r.id]?.trim()}
                          onClick={() => decide.mutate({ id: r.id, action: 'return' })}
                        >
                          {t('payrollDesk.return')}
                        </Button>
                      </Group>
                      <Textarea
                        size="xs"
                        autosize
                        minRows={1}
                        aria-label={t('payrollDesk.comment')}
                        placeholder={t('payrollDesk.comment')}
                        value={comments[r.id] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setComments((c) => ({ ...c, [r.id]: value }));
                        }}
                      />
                    </Stack>
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

const useRuns = (entityId: string) =>
  useQuery({
    queryKey: ['payroll-runs', entityId],
    queryFn: () => api.get<Page<PayrollRunView>>('/api/v1/payroll/runs', { entityId, limit: 24 }),
    // While a run is being computed elsewhere, its progress keeps moving.
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'open' && r.done < r.total) ? 2000 : false,
  });

/**
 * Validated salaries the guarantee fund covers, not paid yet: the fund promised each by a day, so the
 * month's run may come too late. Each month of them is paid early by an extra run of that month
 * (ADR 0016): the desk opens it here; computing and closing it stay in the runs below.
 */
function CoveredToPay({ entityId }: { entityId: string }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [key, setKey] = useState(newKey);
  const today = todayIso();
  const covered = useQuery({
    queryKey: ['salary-requests', 'covered-to-pay', entityId],
    queryFn: () =>
      api.get<Page<SalaryRequestView>>('/api/v1/salary-requests', {
        entityId,
        status: 'validated',
        covered: 'true',
        sort: 'payableOn',
        limit: 200,
      }),
  });
  const runs = useRuns(entityId);
  const open = useMutation({
    mutationFn: (period: string) =>
      request<PayrollRunView>('/api/v1/payroll/runs', {
        method: 'POST',
        idempotencyKey: key,
        body: { entityId, period },
      }),
    onSuccess: (run) => {
      setKey(newKey());
      notifications.show({ color: 'teal', message: t('payrollDesk.extraRunOpened', { period: run.period }) });
      void client.invalidateQueries({ queryKey: ['payroll-runs'] });
      void client.invalidateQueries({ queryKey: ['salary-requests'] });
    },
  });
  if (covered.isPending) return <Loading />;
  if (covered.isError) return <QueryError error={covered.error} />;
  const items = covered.data.items;
  // Nothing promised waits for a run: nothing to prompt for.
  if (items.length === 0) return null;
  const urgencies = items.map((r) => requestUrgency(r, today));
  const color = urgencies.includes('overdue') ? 'red' : urgencies.includes('due') ? 'orange' : 'blue';
  const periods = [...new Set(items.map((r) => r.period))].sort();
  const openRun = (period: string) =>
    runs.data?.items.find((r) => r.period === period && r.status === 'open') ?? null;
  return (
    <Section title={t('payrollDesk.coveredToPay')}>
      <Stack gap="sm">
        <Alert color={color} variant="light">
          <Stack gap="xs">
            <Text size="sm">{t('payrollDesk.coveredToPayHint')}</Text>
            <Group gap="sm">
              {periods.map((period) =>
                openRun(period) ? (
                  <Text key={period} size="sm" fw={600}>
                    {t('payrollDesk.runOpenFor', { period })}
                  </Text>
                ) : (
                  <Button
                    key={period}
                    size="xs"
                    color={color === 'blue' ? undefined : color}
                    loading={open.isPending && open.variables === period}
                    onClick={() => open.mutate(period)}
                  >
                    {t('payrollDesk.openExtraRun', { period })}
                  </Button>
                ),
              )}
            </Group>
          </Stack>
        </Alert>
        <FormError message={open.isError ? errorMessage(open.error) : null} />
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('payrollDesk.member')}</Table.Th>
                <Table.Th>{t('salary.activity')}</Table.Th>
                <Table.Th>{t('salary.period')}</Table.Th>
                <Table.Th ta="right">{t('salary.gross')}</Table.Th>
                <Table.Th>{t('payrollDesk.fund')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    {r.member.firstName} {r.member.lastName}
                  </Table.Td>
                  <Table.Td>{r.activity.name}</Table.Td>
                  <Table.Td>{r.period}</Table.Td>
                  <Table.Td ta="right">{formatMoney(r.grossCents, lang)}</Table.Td>
                  <Table.Td>
                    <PayableBy request={r} today={today} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Section>
  );
}

function Runs({ entityId }: { entityId: string }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [period, setPeriod] = useState(() => new Date().toISOString().slice(0, 7));
  const [key, setKey] = useState(newKey);
  const [shown, setShown] = useState<string | null>(null);
  const runs = useRuns(entityId);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['payroll-runs'] });
    void client.invalidateQueries({ queryKey: ['salary-requests'] });
  };
  const create = useMutation({
    mutationFn: () =>
      request<PayrollRunView>('/api/v1/payroll/runs', {
        method: 'POST',
        idempotencyKey: key,
        body: { entityId, period },
      }),
    onSuccess: () => {
      setKey(newKey());
      refresh();
    },
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'computation' | 'closure' }) =>
      api.post<PayrollRunView>(`/api/v1/payroll/runs/${id}/${action}`),
    onSuccess: (run) => {
      notifications.show({
        color: 'teal',
        message:
          run.status === 'closed' ? t('payrollDesk.closed') : t('payrollDesk.computed', { done: run.done }),
      });
      // Requests the rules refused went back to their members: the run holds fewer than before.
      const before = runs.data?.items.find((r) => r.id === run.id)?.total ?? run.total;
      if (run.status !== 'closed' && run.total < before)
        notifications.show({
          color: 'orange',
          autoClose: false,
          message: t('payrollDesk.returnedByRun', { count: before - run.total }),
        });
      refresh();
    },
    onSettled: refresh,
  });
  const error = create.isError ? create.error : act.isError ? act.error : null;
  return (
    <Section title={t('payrollDesk.runs')}>
      <Stack gap="md">
        <Group align="end">
          <TextInput
            label={t('salary.period')}
            type="month"
            value={period}
            onChange={(e) => setPeriod(e.currentTarget.value)}
          />
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {t('payrollDesk.openRun')}
          </Button>
        </Group>
        <FormError message={error ? errorMessage(error) : null} />
        {runs.isPending ? (
          <Loading />
        ) : runs.isError ? (
          <QueryError error={runs.error} />
        ) : runs.data.items.length === 0 ? (
          <Empty>{t('payrollDesk.noRuns')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('salary.period')}</Table.Th>
                  <Table.Th>{t('payrollDesk.progress')}</Table.Th>
                  <Table.Th>{t('salary.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {runs.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.period}</Table.Td>
                    <Table.Td miw={180}>
                      <Text size="sm">{t('payrollDesk.payslipsDone', { done: r.done, total: r.total })}</Text>
                      <Progress value={r.total ? (100 * r.done) / r.total : 0} size="sm" aria-hidden="true" />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={r.status === 'closed' ? 'gray' : 'blue'} variant="light">
                        {t(`payrollDesk.runStatus.${r.status}`)}
                      </Badge>
                      {r.closedAt && (
                        <Text size="xs" c="dimmed">
                          {formatDate(r.closedAt, lang)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        {r.status === 'open' && (
                          <Button
                            size="xs"
                            loading={
                              act.isPending &&
                              act.variables?.id === r.id &&
                              act.variables.action === 'computation'
                            }
                            onClick={() => act.mutate({ id: r.id, action: 'computation' })}
                          >
                            {t('payrollDesk.compute')}
                          </Button>
                        )}
                        {r.status === 'open' && (
                          <Button
                            size="xs"
                            variant="default"
                            disabled={r.done < r.total}
                            onClick={() => act.mutate({ id: r.id, action: 'closure' })}
                          >
                            {t('payrollDesk.close')}
                          </Button>
                        )}
                        {r.status === 'closed' && (
                          <Anchor href={`/api/v1/payroll/runs/${r.id}/sepa`} download size="sm">
                            {t('payrollDesk.sepa')}
                          </Anchor>
                        )}
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          onClick={() => setShown(shown === r.id ? null : r.id)}
                        >
                          {t('payrollDesk.contributions')}
                        </Anchor>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {shown && <Contributions runId={shown} />}
      </Stack>
    </Section>
  );
}

function Contributions({ runId }: { runId: string }) {
  const { t, lang } = useT();
  const report = useQuery({
    queryKey: ['payroll-contributions', runId],
    queryFn: () => api.get<ContributionTotalsView>(`/api/v1/payroll/runs/${runId}/contributions`),
  });
  if (report.isPending) return <Loading />;
  if (report.isError) return <QueryError error={report.error} />;
  const money = (c: number) => formatMoney(c, lang);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600}>{t('payrollDesk.contributionsOf', { period: report.data.run.period })}</Text>
        <Anchor href={`/api/v1/payroll/runs/${runId}/contributions?format=csv`} download size="sm">
          {t('payrollDesk.csv')}
        </Anchor>
      </Group>
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('payrollDesk.body')}</Table.Th>
            <Table.Th ta="right">{t('payrollDesk.employeeShare')}</Table.Th>
            <Table.Th ta="right">{t('payrollDesk.employerShare')}</Table.Th>
            <Table.Th ta="right">{t('payrollDesk.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.data.bodies.map((b) => (
            <Table.Tr key={b.body}>
              <Table.Td>{t(`payrollDesk.bodies.${b.body}`)}</Table.Td>
              <Table.Td ta="right">{money(b.employeeCents)}</Table.Td>
              <Table.Td ta="right">{money(b.employerCents)}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {money(b.totalCents)}
              </Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td>{t('payrollDesk.withholding')}</Table.Td>
            <Table.Td ta="right">{money(report.data.withholdingCents)}</Table.Td>
            <Table.Td />
            <Table.Td ta="right" fw={600}>
              {money(report.data.withholdingCents)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>{t('payrollDesk.netPaid')}</Table.Td>
            <Table.Td />
            <Table.Td />
            <Table.Td ta="right" fw={600}>
              {money(report.data.netPaidCents)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

type MemberOption = { id: string; number: string; firstName: string; lastName: string };
type Draft = {
  type: ContractView['type'];
  jobTitle: string;
  startDate: string;
  endDate: string;
  noWorkingTime: boolean;
  cadre: boolean;
  alsaceMoselle: boolean;
  hours: number | string;
  portageLevel: 'junior' | 'senior' | 'dayRate';
  portageFixedTerm: boolean;
  taxPercent: number | string;
};
const emptyDraft = (): Draft => ({
  type: 'CDI',
  jobTitle: '',
  startDate: new Date().toISOString().slice(0, 10),
  endDate: '',
  noWorkingTime: true,
  cadre: false,
  alsaceMoselle: false,
  hours: '',
  portageLevel: 'junior',
  portageFixedTerm: false,
  taxPercent: 0,
});

/** The draft of an existing contract, to edit it. */
const draftOf = (c: ContractView): Draft => ({
  type: c.type,
  jobTitle: c.jobTitle,
  startDate: c.startDate,
  endDate: c.endDate ?? '',
  noWorkingTime: c.noWorkingTime,
  cadre: c.cadre,
  alsaceMoselle: c.alsaceMoselle,
  hours: c.partTimeHoursPerWeek ?? '',
  portageLevel: c.portageLevel ?? 'junior',
  portageFixedTerm: c.portageFixedTerm,
  taxPercent: c.withholdingRateBp / 100,
});

const isFixedTerm = (d: Draft) =>
  d.type === 'CDD' || d.type === 'CDD_USAGE' || (d.type === 'PORTAGE' && d.portageFixedTerm);

/**
 * The terms of a draft as the API takes them. An open-ended contract being edited keeps an end date
 * if one is given (the day it ended); a new one has none.
 */
const termsOfDraft = (d: Draft, editing: boolean) => {
  const noWorkingTime = d.type === 'CDI' && d.noWorkingTime;
  return {
    type: d.type,
    jobTitle: d.jobTitle,
    startDate: d.startDate,
    endDate: (isFixedTerm(d) || editing) && d.endDate ? d.endDate : null,
    noWorkingTime,
    cadre: d.cadre,
    alsaceMoselle: d.alsaceMoselle,
    partTimeHoursPerWeek: !noWorkingTime && typeof d.hours === 'number' ? d.hours : null,
    portageLevel: d.type === 'PORTAGE' ? d.portageLevel : null,
    portageFixedTerm: d.type === 'PORTAGE' && d.portageFixedTerm,
    withholdingRateBp: Math.round(Number(d.taxPercent || 0) * 100),
  };
};

/** The fields of a contract, for a new one and to edit one. */
function ContractFields({
  d,
  set,
  editing,
  member,
}: {
  d: Draft;
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
  editing: boolean;
  member?: ReactNode;
}) {
  const { t } = useT();
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: editing ? 2 : 3 }}>
        {member}
        <TextInput
          label={t('payrollDesk.job')}
          value={d.jobTitle}
          onChange={(e) => set('jobTitle', e.currentTarget.value)}
          required
        />
        <Select
          label={t('payrollDesk.contract')}
          data={(['CDI', 'CDD', 'CDD_USAGE', 'PORTAGE'] as const).map((k) => ({
            value: k,
            label: t(`payrollDesk.contractTypes.${k}`),
          }))}
          value={d.type}
          onChange={(v) => set('type', (v ?? 'CDI') as Draft['type'])}
          allowDeselect={false}
        />
        <TextInput
          label={t('payrollDesk.since')}
          type="date"
          value={d.startDate}
          onChange={(e) => set('startDate', e.currentTarget.value)}
        />
        {(isFixedTerm(d) || editing) && (
          <TextInput
            label={t('payrollDesk.until')}
            type="date"
            value={d.endDate}
            onChange={(e) => set('endDate', e.currentTarget.value)}
            required={isFixedTerm(d)}
          />
        )}
        {d.type === 'PORTAGE' && (
          <Select
            label={t('payrollDesk.portageLevel')}
            data={(['junior', 'senior', 'dayRate'] as const).map((k) => ({
              value: k,
              label: t(`payrollDesk.portageLevels.${k}`),
            }))}
            value={d.portageLevel}
            onChange={(v) => set('portageLevel', (v ?? 'junior') as Draft['portageLevel'])}
            allowDeselect={false}
          />
        )}
        {!(d.type === 'CDI' && d.noWorkingTime) && (
          <NumberInput
            label={t('payrollDesk.hours')}
            value={d.hours}
            onChange={(v) => set('hours', v)}
            min={1}
            max={34.99}
            decimalScale={2}
          />
        )}
        <NumberInput
          label={t('payrollDesk.taxRate')}
          value={d.taxPercent}
          onChange={(v) => set('taxPercent', v)}
          min={0}
          max={100}
          decimalScale={2}
          suffix=" %"
        />
      </SimpleGrid>
      <Group>
        {d.type === 'CDI' && (
          <Checkbox
            label={t('payrollDesk.noWorkingTimeLong')}
            checked={d.noWorkingTime}
            onChange={(e) => set('noWorkingTime', e.currentTarget.checked)}
          />
        )}
        {d.type === 'PORTAGE' && (
          <Checkbox
            label={t('payrollDesk.portageFixedTerm')}
            checked={d.portageFixedTerm}
            onChange={(e) => set('portageFixedTerm', e.currentTarget.checked)}
          />
        )}
        <Checkbox
          label={t('payrollDesk.cadre')}
          checked={d.cadre}
          onChange={(e) => set('cadre', e.currentTarget.checked)}
        />
        <Checkbox
          label={t('payrollDesk.alsaceMoselle')}
          checked={d.alsaceMoselle}
          onChange={(e) => set('alsaceMoselle', e.currentTarget.checked)}
        />
      </Group>
    </>
  );
}

/** A new contract: the fields a CAE, a SCIC of artists or a portage company needs most. */
function NewContract({ entityId }: { entityId: string }) {
  const { t } = useT();
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [memberId, setMemberId] = useState<string | null>(null);
  const [d, setD] = useState<Draft>(emptyDraft);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const create = useMutation({
    mutationFn: () =>
      api.post<ContractView>('/api/v1/employment-contracts', {
        memberId,
        entityId,
        ...termsOfDraft(d, false),
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('payrollDesk.contractCreated') });
      setD(emptyDraft());
      setMemberId(null);
      void client.invalidateQueries({ queryKey: ['employment-contracts'] });
    },
  });
  return (
    <Stack gap="sm">
      <Text fw={600}>{t('payrollDesk.newContract')}</Text>
      <ContractFields
        d={d}
        set={set}
        editing={false}
        member={
          <RemoteSelect<MemberOption>
            label={t('payrollDesk.member')}
            path="/api/v1/members"
            toOption={(m) => ({ value: m.id, label: `${m.firstName} ${m.lastName} (${m.number})` })}
            value={memberId}
            onChange={(v) => setMemberId(v)}
            required
          />
        }
      />
      <FormError message={create.isError ? errorMessage(create.error) : null} />
      <Group>
        <Button
          onClick={() => create.mutate()}
          loading={create.isPending}
          disabled={!memberId || !d.jobTitle.trim()}
        >
          {t('payrollDesk.createContract')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Editing a contract: every term, in a dialog; the API checks the merged contract. */
function EditContract({ contract }: { contract: ContractView }) {
  const { t } = useT();
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const [opened, setOpened] = useState(false);
  const [d, setD] = useState<Draft>(() => draftOf(contract));
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const save = useMutation({
    mutationFn: () =>
      api.patch<ContractView>(`/api/v1/employment-contracts/${contract.id}`, termsOfDraft(d, true)),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('payrollDesk.contractSaved') });
      setOpened(false);
      void client.invalidateQueries({ queryKey: ['employment-contracts'] });
    },
  });
  const open = () => {
    setD(draftOf(contract));
    save.reset();
    setOpened(true);
  };
  const name = `${contract.member.firstName} ${contract.member.lastName}`;
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        onClick={open}
        aria-label={`${t('payrollDesk.editContract')} — ${name}`}
      >
        {t('payrollDesk.editContract')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`${t('payrollDesk.editContractTitle')} — ${name}`}
        size="lg"
        centered
      >
        <Stack gap="sm">
          <ContractFields d={d} set={set} editing />
          <FormError message={save.isError ? errorMessage(save.error) : null} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!d.jobTitle.trim()}>
              {t('payrollDesk.saveContract')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Contracts({ entityId }: { entityId: string }) {
  const { t, lang } = useT();
  const contracts = useQuery({
    queryKey: ['employment-contracts', entityId],
    queryFn: () => api.get<Page<ContractView>>('/api/v1/employment-contracts', { entityId, limit: 200 }),
  });
  if (contracts.isPending) return <Loading />;
  if (contracts.isError) return <QueryError error={contracts.error} />;
  return (
    <Section title={t('payrollDesk.contracts')}>
      <NewContract entityId={entityId} />
      {contracts.data.items.length === 0 ? (
        <Empty>{t('payrollDesk.noContracts')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('payrollDesk.member')}</Table.Th>
                <Table.Th>{t('payrollDesk.job')}</Table.Th>
                <Table.Th>{t('payrollDesk.contract')}</Table.Th>
                <Table.Th>{t('payrollDesk.since')}</Table.Th>
                <Table.Th ta="right">{t('payrollDesk.taxRate')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('payrollDesk.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contracts.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    {c.member.firstName} {c.member.lastName}
                  </Table.Td>
                  <Table.Td>{c.jobTitle}</Table.Td>
                  <Table.Td>
                    {t(`payrollDesk.contractTypes.${c.type}`)}
                    {c.type === 'PORTAGE' && c.portageFixedTerm
                      ? ` · ${t('payrollDesk.fixedTermShort')}`
                      : ''}
                    {c.noWorkingTime ? ` · ${t('payrollDesk.noWorkingTime')}` : ''}
                    {c.partTimeHoursPerWeek ? ` · ${c.partTimeHoursPerWeek} h` : ''}
                    {c.cadre ? ` · ${t('payrollDesk.cadre')}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {formatDate(c.startDate, lang)}
                    {c.endDate ? ` → ${formatDate(c.endDate, lang)}` : ''}
                  </Table.Td>
                  <Table.Td ta="right">{(c.withholdingRateBp / 100).toLocaleString(lang)} %</Table.Td>
                  <Table.Td ta="right">
                    <EditContract contract={c} />
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
