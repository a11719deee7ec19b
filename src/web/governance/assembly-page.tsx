// One general assembly: its agenda, resolutions and documents; for a convened sociétaire the vote
// (for themselves and each proxy they hold, with receipts) and the proxy they may give; for admins
// the notice and the close; after the close, the results per college and the minutes.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { AssemblyView, ResultsView } from '../../domain/governance/schemas.ts';
import { api } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { ConfirmButton } from '../ui/confirm.tsx';
import { formatDateTime, formatRate } from '../ui/format.ts';
import { useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Loading, QueryError } from '../ui/states.tsx';
import { PhaseBadge } from './governance-page.tsx';

type Choice = 'for' | 'against' | 'abstain';
type Voter = NonNullable<AssemblyView['me']>['voters'][number];

function useRefresh(id: string) {
  const client = useQueryClient();
  return (after?: AssemblyView) => {
    if (after) client.setQueryData(['governance', 'assembly', id], after);
    void client.invalidateQueries({ queryKey: ['governance'] });
  };
}

function VoteForm({ a, voter }: { a: AssemblyView; voter: Voter }) {
  const { t } = useT();
  const messageOf = useErrorMessage();
  const refresh = useRefresh(a.id);
  const current = Object.fromEntries(voter.ballots.map((b) => [b.resolutionId, b.choice])) as Record<
    string,
    Choice
  >;
  const [choices, setChoices] = useState<Record<string, Choice>>(current);
  const [receipts, setReceipts] = useState<{ resolutionId: string; receipt: string }[]>(voter.ballots);
  const complete = a.resolutions.every((r) => choices[r.id]);
  const cast = useMutation({
    mutationFn: () =>
      api.post<{ ballots: { resolutionId: string; choice: Choice; receipt: string }[] }>(
        `/api/v1/governance/assemblies/${a.id}/votes`,
        {
          ...(voter.self ? {} : { forMemberId: voter.memberId }),
          ballots: a.resolutions.map((r) => ({ resolutionId: r.id, choice: choices[r.id] })),
        },
      ),
    onSuccess: (res) => {
      setReceipts(res.ballots);
      notifications.show({ color: 'green', message: t('governance.voted') });
      refresh();
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const title = voter.self ? t('governance.yourVote') : t('governance.voteFor', { name: voter.name });
  const receiptOf = (id: string) => receipts.find((r) => r.resolutionId === id)?.receipt;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={title}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (complete) cast.mutate();
        }}
      >
        <Stack gap="md">
          <Group justify="space-between">
            <Text fw={600}>{title}</Text>
            {voter.voted && (
              <Badge color="teal" variant="light">
                ✓ {t('governance.myReceiptCounted')}
              </Badge>
            )}
          </Group>
          {voter.voted && (
            <Text size="sm" c="dimmed">
              {t('governance.alreadyVoted')}
            </Text>
          )}
          {a.resolutions.map((r) => (
            <Radio.Group
              key={r.id}
              label={`${r.position}. ${r.title}`}
              description={t(`governance.majority.${r.majority}`)}
              value={choices[r.id] ?? null}
              onChange={(v) => setChoices((c) => ({ ...c, [r.id]: v as Choice }))}
            >
              <Group mt={6} gap="lg">
                {(['for', 'against', 'abstain'] as const).map((c) => (
                  <Radio key={c} value={c} label={t(`governance.choices.${c}`)} />
                ))}
              </Group>
              {receiptOf(r.id) && (
                <Text size="xs" c="dimmed" mt={4}>
                  {t('governance.receipt')} : <code>{receiptOf(r.id)}</code>
                </Text>
              )}
            </Radio.Group>
          ))}
          {!complete && (
            <Text size="sm" c="dimmed">
              {t('governance.chooseAll')}
            </Text>
          )}
          <Group>
            <Button type="submit" disabled={!complete} loading={cast.isPending}>
              {voter.voted ? t('governance.changeVote') : t('governance.submitVote')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('governance.receiptsHelp')}
          </Text>
        </Stack>
      </form>
    </Card>
  );
}

function ProxyCard({ a }: { a: AssemblyView }) {
  const { t } = useT();
  const messageOf = useErrorMessage();
  const refresh = useRefresh(a.id);
  const me = a.me;
  const [holder, setHolder] = useState<string | null>(null);
  const give = useMutation({
    mutationFn: () =>
      api.put<AssemblyView>(`/api/v1/governance/assemblies/${a.id}/proxy`, { holderMemberId: holder }),
    onSuccess: (after) => {
      refresh(after);
      notifications.show({
        color: 'green',
        message: t('governance.proxyGiven', { name: after.me?.proxyGivenTo?.name ?? '' }),
      });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const withdraw = useMutation({
    mutationFn: () => api.delete<AssemblyView>(`/api/v1/governance/assemblies/${a.id}/proxy`),
    onSuccess: (after) => {
      refresh(after ?? undefined);
      notifications.show({ color: 'green', message: t('governance.proxyWithdrawn') });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  if (!me) return null;
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-label={t('governance.proxy')}>
      <Stack gap="sm">
        <Text fw={600}>{t('governance.proxy')}</Text>
        {me.proxyGivenTo ? (
          <Group justify="space-between">
            <Text size="sm">{t('governance.proxyGiven', { name: me.proxyGivenTo.name })}</Text>
            <Button variant="default" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t('governance.withdrawProxy')}
            </Button>
          </Group>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('governance.proxyHelp', { cap: a.proxyCap })}
            </Text>
            <Group align="flex-end">
              <Select
                label={t('governance.proxyHolder')}
                data={me.proxyCandidates.map((c) => ({ value: c.memberId, label: c.name }))}
                value={holder}
                onChange={setHolder}
                searchable
                w={320}
              />
              <Button
                variant="light"
                disabled={!holder}
                loading={give.isPending}
                onClick={() => give.mutate()}
              >
                {t('governance.giveProxy')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function Results({ a }: { a: AssemblyView }) {
  const { t, lang } = useT();
  const q = useQuery({
    queryKey: ['governance', 'results', a.id],
    queryFn: () => api.get<ResultsView>(`/api/v1/governance/assemblies/${a.id}/results`),
  });
  const [receipt, setReceipt] = useState('');
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const r = q.data;
  const found = receipt.trim()
    ? r.receipts.find((x) => x.receipt === receipt.trim().toUpperCase())
    : undefined;
  const positionOf = (id: string) => r.resolutions.find((x) => x.id === id)?.position ?? '?';
  return (
    <Section
      title={t('governance.results')}
      actions={
        <Anchor href={`/api/v1/governance/assemblies/${a.id}/minutes.pdf`} target="_blank">
          {t('governance.minutes')}
        </Anchor>
      }
    >
      <Stack gap="lg">
        {r.resolutions.map((res) => (
          <Stack key={res.id} gap="xs" component="article" aria-label={`${res.position}. ${res.title}`}>
            <Group gap="sm">
              <Text fw={600}>
                {res.position}. {res.title}
              </Text>
              <Badge color={res.adopted ? 'teal' : 'red'}>
                {res.adopted ? t('governance.adopted') : t('governance.rejected')}
              </Badge>
              <Badge variant="light" color={res.quorumReached ? 'gray' : 'orange'}>
                {res.quorumReached ? t('governance.quorumReached') : t('governance.quorumMissed')}
              </Badge>
            </Group>
            <Text size="sm">
              {t('governance.forShare', { pct: formatRate(res.forBp, lang) })} ·{' '}
              {t('governance.choices.against')} {formatRate(res.againstBp, lang)} ·{' '}
              {t(`governance.majority.${res.majority}`)}
            </Text>
            <Table.ScrollContainer minWidth={560}>
              <Table striped withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('governance.college')}</Table.Th>
                    <Table.Th ta="right">{t('governance.weight')}</Table.Th>
                    <Table.Th ta="right">{t('governance.choices.for')}</Table.Th>
                    <Table.Th ta="right">{t('governance.choices.against')}</Table.Th>
                    <Table.Th ta="right">{t('governance.choices.abstain')}</Table.Th>
                    <Table.Th ta="right">{t('governance.weightUsed')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {res.colleges.map((c) => (
                    <Table.Tr key={c.collegeId ?? 'all'}>
                      <Table.Td>{c.name || t('governance.allShareholders')}</Table.Td>
                      <Table.Td ta="right">{formatRate(c.weightBp, lang)}</Table.Td>
                      <Table.Td ta="right">{c.for}</Table.Td>
                      <Table.Td ta="right">{c.against}</Table.Td>
                      <Table.Td ta="right">{c.abstain}</Table.Td>
                      <Table.Td ta="right">{formatRate(c.effectiveWeightBp, lang)}</Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr fw={600}>
                    <Table.Td>{t('governance.total')}</Table.Td>
                    <Table.Td />
                    <Table.Td ta="right">{res.for}</Table.Td>
                    <Table.Td ta="right">{res.against}</Table.Td>
                    <Table.Td ta="right">{res.abstain}</Table.Td>
                    <Table.Td />
                  </Table.Tr>
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        ))}
        {a.me && (
          <Stack gap={4} aria-label={t('governance.myReceipts')} component="section">
            <Text fw={600} size="sm">
              {t('governance.myReceipts')}
            </Text>
            {a.me.voters.flatMap((v) =>
              v.ballots.map((b) => {
                const counted = r.receipts.some(
                  (x) =>
                    x.receipt === b.receipt && x.choice === b.choice && x.resolutionId === b.resolutionId,
                );
                return (
                  <Text key={b.receipt} size="sm" c={counted ? 'teal' : 'red'}>
                    {v.self ? '' : `${v.name} · `}
                    {positionOf(b.resolutionId)}. {t(`governance.choices.${b.choice}`)} —{' '}
                    <code>{b.receipt}</code> ·{' '}
                    {counted ? `✓ ${t('governance.myReceiptCounted')}` : t('governance.receiptMissing')}
                  </Text>
                );
              }),
            )}
          </Stack>
        )}
        <Stack gap="xs">
          <TextInput
            label={t('governance.checkReceipt')}
            value={receipt}
            onChange={(e) => setReceipt(e.currentTarget.value)}
            placeholder="XXXX-XXXX-XXXX-XXXX-XXXX"
            maw={360}
          />
          {receipt.trim() && (
            <Text size="sm" c={found ? 'teal' : 'red'} role="status">
              {found
                ? t('governance.receiptFound', {
                    choice: t(`governance.choices.${found.choice}`),
                    position: positionOf(found.resolutionId),
                  })
                : t('governance.receiptMissing')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t('governance.secretNote')}
          </Text>
        </Stack>
      </Stack>
    </Section>
  );
}

export function AssemblyPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const actor = useActor();
  const messageOf = useErrorMessage();
  const refresh = useRefresh(id);
  const q = useQuery({
    queryKey: ['governance', 'assembly', id],
    queryFn: () => api.get<AssemblyView>(`/api/v1/governance/assemblies/${id}`),
  });
  const convene = useMutation({
    mutationFn: () => api.post<AssemblyView>(`/api/v1/governance/assemblies/${id}/convene`),
    onSuccess: (after) => {
      refresh(after);
      notifications.show({ color: 'green', message: t('governance.convened', { count: after.electors }) });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const close = useMutation({
    mutationFn: () => api.post<AssemblyView>(`/api/v1/governance/assemblies/${id}/close`),
    onSuccess: (after) => {
      refresh(after);
      notifications.show({ color: 'green', message: t('governance.closed') });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const a = q.data;
  const canVote = a.me && a.phase === 'open';
  return (
    <>
      <PageHeader
        title={a.title}
        back={{ to: '/governance', label: t('governance.back') }}
        badges={
          <>
            <PhaseBadge phase={a.phase} />
            <Badge variant="outline" color="gray">
              {t(`governance.assemblyKinds.${a.kind}`)}
            </Badge>
          </>
        }
        subtitle={
          <Stack gap={2}>
            <span>{a.entityName}</span>
            <span>
              {t('governance.heldAt', { when: formatDateTime(a.heldAt, lang) })}
              {a.place ? ` — ${a.place}` : ''}
            </span>
            <span>
              {t('governance.window', {
                from: formatDateTime(a.opensAt, lang),
                to: formatDateTime(a.closesAt, lang),
              })}
            </span>
          </Stack>
        }
        actions={
          a.manageable && (
            <>
              {a.phase === 'draft' && (
                <Button loading={convene.isPending} onClick={() => convene.mutate()}>
                  {t('governance.convene')}
                </Button>
              )}
              {(a.phase === 'open' || a.phase === 'upcoming') && (
                <ConfirmButton
                  variant="default"
                  title={t('governance.closeVote')}
                  message={t('governance.closeConfirm')}
                  loading={close.isPending}
                  onConfirm={() => close.mutateAsync()}
                >
                  {t('governance.closeVote')}
                </ConfirmButton>
              )}
            </>
          )
        }
      />
      <Stack gap="lg">
        {a.phase !== 'draft' && (
          <Text size="sm">
            {t('governance.participation', { participants: a.participants, electors: a.electors })} ·{' '}
            {t('governance.quorumRule', { quorum: formatRate(a.quorumBp, lang) })}
          </Text>
        )}
        {a.phase === 'closed' && <Results a={a} />}
        {canVote && a.me && (
          <Stack gap="md">
            {a.me.voters.map((v) => (
              <VoteForm key={`${v.memberId}-${v.ballots.map((b) => b.receipt).join()}`} a={a} voter={v} />
            ))}
          </Stack>
        )}
        {a.me && a.phase !== 'closed' && a.phase !== 'draft' && !a.me.voters[0]?.voted && <ProxyCard a={a} />}
        {!a.me && actor.memberId && <Alert color="gray">{t('governance.notElector')}</Alert>}
        <Section title={t('governance.resolutions')}>
          <Stack gap="sm">
            {a.agenda && (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {a.agenda}
              </Text>
            )}
            {a.resolutions.map((r) => (
              <div key={r.id}>
                <Text fw={600}>
                  {r.position}. {r.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`governance.majority.${r.majority}`)}
                </Text>
                {r.body && <Text size="sm">{r.body}</Text>}
              </div>
            ))}
            {a.documents.length > 0 && (
              <>
                <Text fw={600} mt="sm">
                  {t('governance.documents')}
                </Text>
                {a.documents.map((d) => (
                  <Anchor key={d.id} href={d.url} target="_blank" rel="noopener" size="sm">
                    {d.title}
                  </Anchor>
                ))}
              </>
            )}
          </Stack>
        </Section>
      </Stack>
    </>
  );
}
