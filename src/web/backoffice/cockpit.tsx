// The cockpit: what waits for a decision in the offices one follows (quotes and invoices above the
// cap, expenses, salary requests, advances, new members) with how long it has waited, and the
// activities to look at first. Staff land on it: it is the top of their home page. The salaries card
// also says which salaries the guarantee fund covers are still to pay, and which are due or late.
import { Anchor, Badge, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import type { AtRiskView, CockpitView, QueueView, RiskReason } from '../../domain/backoffice/schemas.ts';
import { type PayableUrgency, payableUrgency } from '../../domain/guarantee/payable.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { formatDate, formatMoney } from '../ui/format.ts';
import { Section } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

/** Colour of an age in working days: a week is fine, two weeks is late. */
const ageColor = (days: number | null) =>
  days === null ? 'gray' : days >= 10 ? 'red' : days >= 5 ? 'orange' : 'teal';

/** A covered salary's payable-by day: red once passed, orange within two working days. */
const payableColors: Record<PayableUrgency, string> = { overdue: 'red', due: 'orange', later: 'blue' };

export function Cockpit() {
  const { t } = useT();
  const [officeId, setOfficeId] = useState<string | null>(null);
  const cockpit = useQuery({
    queryKey: ['backoffice', 'cockpit', officeId],
    queryFn: () => api.get<CockpitView>('/api/v1/backoffice/cockpit', officeId ? { officeId } : {}),
  });
  if (cockpit.isPending) return <Loading />;
  if (cockpit.isError) return <QueryError error={cockpit.error} onRetry={() => cockpit.refetch()} />;
  const c = cockpit.data;
  const queues = c.queues.filter((q) => q.available);
  const waiting = queues.reduce((s, q) => s + q.count, 0);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div>
          <Title order={2} fz="lg">
            {t('backoffice.queuesTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {waiting === 0
              ? t('backoffice.nothingWaiting')
              : t('backoffice.waitingTotal', { count: waiting })}
          </Text>
        </div>
        {c.offices.length > 1 && (
          <Select
            label={t('backoffice.office')}
            data={[
              { value: '', label: t('backoffice.allOffices') },
              ...c.offices.map((o) => ({ value: o.id, label: o.name })),
            ]}
            value={officeId ?? ''}
            onChange={(v) => setOfficeId(v ? v : null)}
            allowDeselect={false}
            w={{ base: '100%', xs: 240 }}
          />
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        {queues.map((q) => (
          <QueueCard key={q.key} queue={q} today={c.today} />
        ))}
      </SimpleGrid>
      <AtRisk items={c.atRisk} thresholds={c.thresholds} />
    </Stack>
  );
}

/** The covered salaries still to pay: how many, how many due or late, and the nearest day. */
function PayableSummary({
  payable: p,
  today,
}: {
  payable: NonNullable<QueueView['payable']>;
  today: string;
}) {
  const { t, lang } = useT();
  if (p.coveredCount === 0) return null;
  const nearest = p.nearestPayableOn ? payableUrgency(p.nearestPayableOn, today) : null;
  return (
    <Stack gap={4} mt="xs" data-testid="covered-salaries">
      <Text size="sm">{t('backoffice.payable.covered', { count: p.coveredCount })}</Text>
      <Group gap={4}>
        {p.overdueCount > 0 && (
          <Badge color="red.9" variant="filled" tt="none">
            {t('backoffice.payable.overdue', { count: p.overdueCount })}
          </Badge>
        )}
        {p.dueCount > 0 && (
          <Badge color="orange" variant="light" tt="none">
            {t('backoffice.payable.due', { count: p.dueCount })}
          </Badge>
        )}
      </Group>
      {p.nearestPayableOn && (
        <Text size="xs" c={nearest === 'overdue' ? 'red.8' : nearest === 'due' ? 'orange.9' : 'dimmed'}>
          {t('backoffice.payable.nearest', { date: formatDate(p.nearestPayableOn, lang) })}
        </Text>
      )}
    </Stack>
  );
}

function QueueCard({ queue: q, today }: { queue: QueueView; today: string }) {
  const { t, lang } = useT();
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby={`queue-${q.key}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Text id={`queue-${q.key}`} fw={600} component="h3" fz="md" m={0}>
            {t(`backoffice.queue.${q.key}`)}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`backoffice.decidedBy.${q.decidedBy}`)}
          </Text>
        </div>
        <Text
          fz={32}
          fw={700}
          lh={1}
          c={q.count ? 'var(--mantine-color-commune-9)' : 'dimmed'}
          aria-label={t('backoffice.count', { count: q.count })}
        >
          {q.count}
        </Text>
      </Group>
      {q.count > 0 && q.oldestAgeWorkingDays !== null && (
        <Badge mt="xs" variant="light" color={ageColor(q.oldestAgeWorkingDays)}>
          {t('backoffice.oldest', { count: q.oldestAgeWorkingDays })}
        </Badge>
      )}
      {q.payable && <PayableSummary payable={q.payable} today={today} />}
      {q.items.length === 0 ? (
        <Text size="sm" c="dimmed" mt="sm">
          {t('backoffice.queueEmpty')}
        </Text>
      ) : (
        <Stack gap={0} component="ul" p={0} mt="sm" mb={0} style={{ listStyle: 'none' }}>
          {q.items.map((i) => (
            <li key={i.id} style={{ borderTop: '1px solid var(--mantine-color-gray-2)', padding: '6px 0' }}>
              <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={i.href} fw={500} size="sm" lineClamp={1}>
                    {i.title}
                  </Anchor>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {i.detail}
                  </Text>
                  {i.payableOn && (
                    <Badge
                      size="xs"
                      tt="none"
                      variant="light"
                      color={payableColors[payableUrgency(i.payableOn, today)]}
                    >
                      {t('backoffice.payable.item', { date: formatDate(i.payableOn, lang) })}
                    </Badge>
                  )}
                  {i.accountHref && (
                    <Anchor component={Link} to={i.accountHref} size="xs">
                      {t('backoffice.activityAccount')}
                    </Anchor>
                  )}
                </div>
                <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
                  {i.amountCents !== null && (
                    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {formatMoney(i.amountCents, lang)}
                    </Text>
                  )}
                  <Badge
                    size="xs"
                    variant="light"
                    color={ageColor(i.ageWorkingDays)}
                    title={formatDate(i.since, lang)}
                  >
                    {t('backoffice.age', { count: i.ageWorkingDays })}
                  </Badge>
                </Stack>
              </Group>
            </li>
          ))}
        </Stack>
      )}
      {q.count > 0 && (
        <Anchor component={Link} to={q.listHref} size="sm" mt="xs" display="block">
          {t('backoffice.seeAll', { count: q.count })}
        </Anchor>
      )}
    </Card>
  );
}

function ReasonBadge({ reason: r }: { reason: RiskReason }) {
  const { t, lang } = useT();
  switch (r.kind) {
    case 'negative_balance':
      return (
        <Badge color="red" variant="light">
          {t('backoffice.risk.negative', { amount: formatMoney(r.balanceCents, lang) })}
        </Badge>
      );
    case 'overdue_receivables':
      return (
        <Badge color="orange" variant="light">
          {t('backoffice.risk.overdue', {
            amount: formatMoney(r.overdueCents, lang),
            count: r.invoiceCount,
            days: r.oldestDaysLate,
          })}
        </Badge>
      );
    case 'inactive':
      return (
        <Badge color="gray" variant="light">
          {r.lastRevenueOn
            ? t('backoffice.risk.inactive', { count: r.months, date: formatDate(r.lastRevenueOn, lang) })
            : t('backoffice.risk.neverInvoiced', { count: r.months })}
        </Badge>
      );
  }
}

function AtRisk({ items, thresholds }: { items: AtRiskView[]; thresholds: CockpitView['thresholds'] }) {
  const { t, lang } = useT();
  return (
    <Section title={t('backoffice.atRiskTitle')}>
      <Text size="sm" c="dimmed">
        {t('backoffice.atRiskRules', {
          overdue: formatMoney(thresholds.overdueCents, lang),
          days: thresholds.overdueDays,
          months: thresholds.inactiveMonths,
        })}
      </Text>
      {items.length === 0 ? (
        <Empty>{t('backoffice.atRiskEmpty')}</Empty>
      ) : (
        // A list rather than a table: each activity reads on a phone as on a desktop.
        <Stack
          gap={0}
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('backoffice.atRiskTitle')}
        >
          {items.map((a) => (
            <Group
              key={a.activity.id}
              component="li"
              justify="space-between"
              align="flex-start"
              gap="sm"
              py="sm"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Stack gap={4} style={{ minWidth: 0, flex: '1 1 280px' }}>
                <Anchor component={Link} to={a.accountHref} fw={500}>
                  {a.activity.name}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {[a.members.map((m) => m.name).join(', '), a.office?.name, a.activity.entityCode]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
                <Group gap={4}>
                  {a.reasons.map((r) => (
                    <ReasonBadge key={r.kind} reason={r} />
                  ))}
                </Group>
              </Stack>
              <Group gap="lg" wrap="nowrap">
                <Stack gap={0} align="flex-end">
                  <Text size="xs" c="dimmed">
                    {t('backoffice.balance')}
                  </Text>
                  <Text
                    ff="monospace"
                    c={a.balanceCents < 0 ? 'red.8' : undefined}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatMoney(a.balanceCents, lang)}
                  </Text>
                </Stack>
                <Stack gap={0} align="flex-end">
                  <Text size="xs" c="dimmed">
                    {t('backoffice.overdueAmount')}
                  </Text>
                  <Text ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {a.overdueCents ? formatMoney(a.overdueCents, lang) : '—'}
                  </Text>
                </Stack>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}
