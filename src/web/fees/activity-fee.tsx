// An activity's fee as its policy says today: the rate, the terms in words, its kind (which chooses
// the policy; staff may change it) and the year's fee so far. Shown on the activity's page.
import { Badge, Group, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { activityKinds } from '../../domain/fees/policy.ts';
import type { ActivityFeeView } from '../../domain/fees/schemas.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { formatMoney, formatRate } from '../ui/format.ts';
import { useErrorMessage } from '../ui/forms.tsx';
import { useTermsText } from './contribution-page.tsx';

export function ActivityFeeTerms({ activityId, staff }: { activityId: string; staff: boolean }) {
  const { t, lang } = useT();
  const termsText = useTermsText();
  const queryClient = useQueryClient();
  const messageOf = useErrorMessage();
  const fee = useQuery({
    queryKey: ['fees', 'activity', activityId],
    queryFn: () => api.get<ActivityFeeView>(`/api/v1/fees/activities/${activityId}`),
  });
  const setKind = useMutation({
    mutationFn: (kind: string) =>
      api.put<ActivityFeeView>(`/api/v1/fees/activities/${activityId}/kind`, { kind }),
    onSuccess: (view) => {
      queryClient.setQueryData(['fees', 'activity', activityId], view);
      notifications.show({ color: 'commune', message: t('common.saved') });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  if (!fee.data) return null;
  const f = fee.data;
  return (
    <Stack gap={6}>
      {f.terms && (
        <Group gap="sm" align="center">
          <Text fz={32} fw={700} lh={1.1} c="var(--mantine-color-commune-9)">
            {formatRate(f.terms.rateBp, lang)}
          </Text>
          {f.terms.exception && (
            <Badge variant="outline" color="orange">
              {t('fees.exception')}
            </Badge>
          )}
        </Group>
      )}
      {f.terms && <Text size="sm">{termsText(f.terms)}</Text>}
      <Text size="sm" c="dimmed">
        {t('fees.yearSoFar', { year: f.year, amount: formatMoney(f.yearFeeCents, lang) })}
      </Text>
      {staff ? (
        <Select
          label={t('fees.activityKind')}
          description={t('fees.kindHelp')}
          data={activityKinds.map((k) => ({ value: k, label: t(`fees.kinds.${k}`) }))}
          value={f.kind}
          onChange={(v) => v && v !== f.kind && setKind.mutate(v)}
          allowDeselect={false}
          disabled={setKind.isPending}
          maw={280}
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t('fees.kindIs', { kind: t(`fees.kinds.${f.kind}`) })}
        </Text>
      )}
    </Stack>
  );
}
