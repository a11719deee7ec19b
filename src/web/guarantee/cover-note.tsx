// The guarantee fund's explanation of a cover, worded from the parts the policy returns
// ("invoice FA-… issued 12 days ago: 1,200 €; client exposure 3,200 € of 10,000 €"), and the covers
// of a member's salary requests.
import { Alert, List, Stack, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { CoverDecision, CoverReason } from '../../domain/guarantee/policy.ts';
import type { CoverView } from '../../domain/guarantee/schemas.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { formatDate, formatMoney } from '../ui/format.ts';

export function useReasonText() {
  const { t, lang } = useT();
  const m = (c: number) => formatMoney(c, lang);
  return (r: CoverReason | { code: string }): string => {
    const x = r as CoverReason;
    switch (x.code) {
      case 'invoice':
        return t(x.ageDays === 0 ? 'guarantee.reason.invoiceToday' : 'guarantee.reason.invoice', {
          number: x.number,
          client: x.clientName,
          days: x.ageDays,
          amount: m(x.amountCents),
          exposure: m(x.clientExposureCents),
          limit: m(x.clientLimitCents),
        });
      case 'member_exposure':
      case 'member_limit':
        return t(`guarantee.reason.${x.code}`, { exposure: m(x.exposureCents), limit: m(x.limitCents) });
      case 'fund_exposure':
      case 'fund_limit':
        return t(`guarantee.reason.${x.code}`, {
          exposure: m(x.exposureCents),
          cap: m(x.capCents),
          balance: m(x.balanceCents),
        });
      case 'payable_on':
        return t('guarantee.reason.payable_on', { date: formatDate(x.date, lang), days: x.workingDays });
      case 'invoice_too_old':
        return t('guarantee.reason.invoice_too_old', {
          number: x.number,
          days: x.ageDays,
          limit: x.limitDays,
        });
      case 'client_limit':
        return t('guarantee.reason.client_limit', {
          client: x.clientName,
          exposure: m(x.exposureCents),
          limit: m(x.limitCents),
        });
      case 'short':
        return t('guarantee.reason.short', { covered: m(x.coveredCents), needed: m(x.neededCents) });
      case 'disabled':
      case 'no_invoice':
        return t(`guarantee.reason.${x.code}`);
      default:
        return (r as { code: string }).code;
    }
  };
}

/** The parts of a decision as a short list. */
export function CoverExplanation({
  reasons,
  size = 'sm',
}: {
  reasons: readonly { code: string }[];
  size?: 'xs' | 'sm';
}) {
  const text = useReasonText();
  return (
    <List size={size} spacing={2}>
      {reasons.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one decision never move.
        <List.Item key={i}>{text(r)}</List.Item>
      ))}
    </List>
  );
}

/** The covers of a salary request, as shown under it. */
export function RequestCover({ covers }: { covers: readonly CoverView[] }) {
  const { t, lang } = useT();
  if (covers.length === 0) return null;
  const total = covers.reduce((s, c) => s + c.amountCents, 0);
  const first = covers[0] as CoverView;
  return (
    <Stack gap={2} mt={4}>
      <Text size="xs" fw={600} c={first.status === 'cancelled' ? 'dimmed' : 'teal.9'}>
        {t('guarantee.coveredBy', { amount: formatMoney(total, lang) })} ·{' '}
        {t(`guarantee.status.${first.status}`)}
      </Text>
      {first.status === 'released' && (
        <Text size="xs" c="dimmed">
          {t('guarantee.releasedNote')}
          {first.closedOn ? ` (${formatDate(first.closedOn, lang)})` : ''}
        </Text>
      )}
      <CoverExplanation reasons={first.reasons} size="xs" />
    </Stack>
  );
}

/** Every cover of these activities, by salary request. */
export function useCoversByRequest(activityIds: readonly string[]) {
  const results = useQueries({
    queries: [...new Set(activityIds)].map((id) => ({
      queryKey: ['guarantee-covers', id],
      queryFn: () => api.get<{ items: CoverView[] }>(`/api/v1/activities/${id}/guarantee-covers`),
    })),
  });
  const byRequest = new Map<string, CoverView[]>();
  for (const r of results)
    for (const c of r.data?.items ?? [])
      if (c.salaryRequestId)
        byRequest.set(c.salaryRequestId, [...(byRequest.get(c.salaryRequestId) ?? []), c]);
  return byRequest;
}

/** Beyond the balance: what the guarantee fund would cover of the salary being prepared, and why. */
export function GuaranteeHint({ activityId, neededCents }: { activityId: string; neededCents: number }) {
  const { t, lang } = useT();
  const decision = useQuery({
    queryKey: ['guarantee-preview', activityId, neededCents],
    queryFn: () =>
      api.post<CoverDecision>(`/api/v1/activities/${activityId}/guarantee-covers/preview`, { neededCents }),
    retry: false,
  });
  if (!decision.data) return null;
  const d = decision.data;
  return (
    <Alert color={d.covered ? 'teal' : 'red'} mt="sm" data-testid="guarantee-hint">
      <Text size="sm" fw={600} mb={4}>
        {d.covered
          ? t('guarantee.willCover', { amount: formatMoney(d.coveredCents, lang) })
          : t('guarantee.cannotCover')}
      </Text>
      <CoverExplanation reasons={d.reasons} />
    </Alert>
  );
}
