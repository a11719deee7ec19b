// "Ma contribution": what a member's cooperative fee amounted to this year, per activity and in all,
// the rates that applied and why, and what the pooled fees paid for (the direction's budget shares,
// the guarantee fund's part as the policy allocates it). Staff open it for a member with ?memberId=.
import { Anchor, Badge, Card, Group, Progress, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AppliedTermsView, ContributionView } from '../../domain/fees/schemas.ts';
import type { Language } from '../../domain/messages.ts';
import { api, withQuery } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { formatDate, formatMoney, formatRate } from '../ui/format.ts';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

const thisYear = () => new Date().getUTCFullYear();

const serviceColors: Record<string, string> = {
  guarantee_fund: 'var(--mantine-color-red-6)',
  advisers: 'var(--mantine-color-teal-6)',
  accounting_payroll: 'var(--mantine-color-blue-6)',
  insurance_legal: 'var(--mantine-color-grape-5)',
  tools: 'var(--mantine-color-orange-5)',
  premises: 'var(--mantine-color-yellow-6)',
  network_life: 'var(--mantine-color-pink-5)',
};

/** The terms in one sentence: "8,5 % du CA HT facturé, 6 % au-delà de 80 000 € ; 20 % au fonds". */
export function useTermsText() {
  const { t, lang } = useT();
  return (
    terms: Pick<
      AppliedTermsView,
      'rateBp' | 'base' | 'tierThresholdCents' | 'reducedRateBp' | 'minimumYearCents' | 'fundShareBp'
    >,
  ) => {
    const parts = [t(`fees.baseSentence.${terms.base}`, { rate: formatRate(terms.rateBp, lang) })];
    if (terms.tierThresholdCents !== null && terms.reducedRateBp !== null)
      parts.push(
        t('fees.tierSentence', {
          rate: formatRate(terms.reducedRateBp, lang),
          amount: formatMoney(terms.tierThresholdCents, lang),
        }),
      );
    if (terms.minimumYearCents !== null)
      parts.push(t('fees.minimumSentence', { amount: formatMoney(terms.minimumYearCents, lang) }));
    if (terms.fundShareBp > 0)
      parts.push(t('fees.fundSentence', { share: formatRate(terms.fundShareBp, lang) }));
    return parts.join(' ; ');
  };
}

export function ContributionPage() {
  const { t, lang } = useT();
  const [params] = useSearchParams();
  const memberId = params.get('memberId') ?? undefined;
  const [year, setYear] = useState(String(thisYear()));
  const query = { year, ...(memberId ? { memberId } : {}) };
  const contribution = useQuery({
    queryKey: ['fees', 'contribution', query],
    queryFn: () => api.get<ContributionView>(withQuery('/api/v1/fees/contribution', query)),
  });
  const years = Array.from({ length: 4 }, (_, i) => String(thisYear() - i));
  const c = contribution.data;
  return (
    <>
      <PageHeader
        title={memberId && c ? t('fees.contributionOf', { name: c.memberName }) : t('fees.contributionTitle')}
        subtitle={t('fees.contributionIntro')}
        actions={
          <Select
            aria-label={t('fees.year')}
            data={years}
            value={year}
            onChange={(v) => setYear(v ?? String(thisYear()))}
            allowDeselect={false}
            w={110}
          />
        }
      />
      {contribution.isPending ? (
        <Loading />
      ) : contribution.isError ? (
        <QueryError error={contribution.error} onRetry={() => contribution.refetch()} />
      ) : c ? (
        <Contribution c={c} lang={lang} />
      ) : null}
    </>
  );
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={{ base: 20, sm: 26 }} fw={700} lh={1.2} ff="monospace" c="var(--mantine-color-commune-9)">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function Contribution({ c, lang }: { c: ContributionView; lang: Language }) {
  const { t } = useT();
  const termsText = useTermsText();
  const money = (cents: number) => formatMoney(cents, lang);
  const effective = c.totalBaseCents > 0 ? Math.round((c.totalFeeCents * 10_000) / c.totalBaseCents) : null;
  const fund = c.breakdown.find((l) => l.service === 'guarantee_fund')?.cents ?? 0;
  if (c.activities.length === 0) return <Empty>{t('fees.noActivity')}</Empty>;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Figure
          label={t('fees.totalFee', { year: c.year })}
          value={money(c.totalFeeCents)}
          hint={t('fees.asOf', { date: formatDate(c.asOf, lang) })}
        />
        <Figure label={t('fees.revenue')} value={money(c.totalBaseCents)} hint={t('fees.revenueHint')} />
        <Figure
          label={t('fees.effectiveRate')}
          value={effective === null ? '—' : formatRate(effective, lang)}
          hint={fund > 0 ? t('fees.fundPart', { amount: money(fund) }) : undefined}
        />
      </SimpleGrid>

      <Section title={t('fees.whatItPaidFor')}>
        {c.breakdown.length === 0 || c.totalFeeCents <= 0 ? (
          <Text size="sm" c="dimmed">
            {t('fees.nothingYet')}
          </Text>
        ) : (
          <Stack gap="sm">
            <Progress.Root size={22} aria-hidden="true">
              {c.breakdown
                .filter((l) => l.cents > 0)
                .map((l) => (
                  <Progress.Section
                    key={l.service}
                    value={(l.cents * 100) / c.totalFeeCents}
                    color={serviceColors[l.service] ?? 'gray'}
                  />
                ))}
            </Progress.Root>
            <Table verticalSpacing={6} aria-label={t('fees.whatItPaidFor')}>
              <Table.Tbody>
                {c.breakdown.map((l) => (
                  <Table.Tr key={l.service}>
                    <Table.Td>
                      <Group gap={8} wrap="nowrap">
                        <span
                          aria-hidden="true"
                          style={{
                            width: 12,
                            height: 12,
                            borderRadius: 3,
                            background: serviceColors[l.service] ?? 'gray',
                            flexShrink: 0,
                          }}
                        />
                        <div>
                          <Text size="sm" fw={500}>
                            {t(`fees.services.${l.service}`)}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t(`fees.serviceHints.${l.service}`)}
                          </Text>
                        </div>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" c="dimmed" fz="sm">
                      {l.service === 'guarantee_fund'
                        ? t('fees.byPolicy')
                        : l.shareBp !== null
                          ? t('fees.ofTheRest', { share: formatRate(l.shareBp, lang) })
                          : t('fees.ofYours', {
                              share: formatRate(Math.round((l.cents * 10_000) / c.totalFeeCents), lang),
                            })}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" fw={600}>
                      {money(l.cents)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {c.entitiesWithoutShares.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('fees.noShares', { entities: c.entitiesWithoutShares.join(', ') })}
              </Text>
            )}
          </Stack>
        )}
      </Section>

      <Section title={t('fees.byActivity')}>
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing="xs" aria-label={t('fees.byActivity')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fees.activity')}</Table.Th>
                <Table.Th>{t('fees.terms')}</Table.Th>
                <Table.Th ta="right">{t('fees.revenue')}</Table.Th>
                <Table.Th ta="right">{t('fees.fee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.activities.map((a) => (
                <Table.Tr key={a.activityId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/activities/${a.activityId}/account`} fw={500}>
                      {a.activityName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {a.entity.name} · {t(`fees.kinds.${a.kind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {a.terms ? (
                      <Stack gap={2}>
                        <Group gap={6}>
                          <Badge variant="light" color={a.terms.exception ? 'orange' : 'commune'}>
                            {formatRate(a.terms.rateBp, lang)}
                          </Badge>
                          {a.terms.exception && (
                            <Badge variant="outline" color="orange">
                              {t('fees.exception')}
                            </Badge>
                          )}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {termsText(a.terms)}
                          {a.terms.exceptionReason ? ` — ${a.terms.exceptionReason}` : ''}
                        </Text>
                      </Stack>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace">
                    {money(a.revenueCents)}
                  </Table.Td>
                  <Table.Td ta="right" ff="monospace" fw={600}>
                    {money(a.feeCents)}
                    {a.effectiveRateBp !== null && (
                      <Text size="xs" c="dimmed" ff="text" fw={400}>
                        {t('fees.effective', { rate: formatRate(a.effectiveRateBp, lang) })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>{t('fees.total')}</Table.Th>
                <Table.Th ta="right" ff="monospace">
                  {money(c.totalBaseCents)}
                </Table.Th>
                <Table.Th ta="right" ff="monospace">
                  {money(c.totalFeeCents)}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {t('fees.howCharged')}
        </Text>
      </Section>
    </Stack>
  );
}
