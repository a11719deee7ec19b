// Governance: my shares and certificates, the assemblies I am convened to; for accountants and
// admins, each entity's register (with the form that records a movement); for admins, a new assembly.
import {
  Anchor,
  Badge,
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
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { can } from '../../domain/access.ts';
import type {
  AssemblySummary,
  AssemblyView,
  EntityGovernanceView,
  MyHoldingView,
  RegisterLineView,
  RegisterView,
} from '../../domain/governance/schemas.ts';
import { api } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { formatDate, formatDateTime, formatMoney, formatRate } from '../ui/format.ts';
import { useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { RemoteSelect } from '../ui/remote-select.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

type MemberOption = { id: string; firstName: string; lastName: string; number: string };

export function PhaseBadge({ phase }: { phase: AssemblySummary['phase'] }) {
  const { t } = useT();
  const color = { draft: 'gray', upcoming: 'blue', open: 'green', closed: 'dark' }[phase];
  return (
    <Badge color={color} variant={phase === 'open' ? 'filled' : 'light'}>
      {t(`governance.phases.${phase}`)}
    </Badge>
  );
}

function LinesTable({ lines, showMember }: { lines: RegisterLineView[]; showMember: boolean }) {
  const { t, lang } = useT();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('governance.date')}</Table.Th>
            {showMember && <Table.Th>{t('governance.member')}</Table.Th>}
            <Table.Th>{t('governance.operation')}</Table.Th>
            <Table.Th ta="right">{t('governance.shares')}</Table.Th>
            <Table.Th ta="right">{t('governance.paid')}</Table.Th>
            <Table.Th ta="right">{t('governance.sharesAfter')}</Table.Th>
            <Table.Th ta="right">
              {showMember ? t('governance.capitalAfter') : t('governance.paidAfter')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{formatDate(l.occurredOn, lang)}</Table.Td>
              {showMember && (
                <Table.Td>
                  {l.memberName}{' '}
                  <Text span c="dimmed" size="xs">
                    {l.memberNumber}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                {t(`governance.kinds.${l.kind}`)}
                {l.counterpartName && (
                  <Text span c="dimmed" size="xs">
                    {' '}
                    · {l.counterpartName}
                  </Text>
                )}
                {l.note && (
                  <Text c="dimmed" size="xs">
                    {l.note}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">
                {l.sharesDelta === 0 ? '' : l.sharesDelta > 0 ? `+${l.sharesDelta}` : l.sharesDelta}
              </Table.Td>
              <Table.Td ta="right">
                {l.paidDeltaCents === 0 ? '' : formatMoney(l.paidDeltaCents, lang)}
              </Table.Td>
              <Table.Td ta="right">{showMember ? l.entitySharesAfter : l.sharesAfter}</Table.Td>
              <Table.Td ta="right">
                {formatMoney(showMember ? l.entityPaidAfterCents : l.paidAfterCents, lang)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function MyShares() {
  const { t, lang } = useT();
  const actor = useActor();
  const q = useQuery({
    queryKey: ['governance', 'my-shares'],
    queryFn: () => api.get<{ items: MyHoldingView[] }>('/api/v1/governance/my-shares'),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Section title={t('governance.myShares')}>
      {q.data.items.length === 0 ? (
        <Text c="dimmed">{t('governance.noShares')}</Text>
      ) : (
        <Stack gap="lg">
          {q.data.items.map((h) => (
            <Stack key={h.entityId} gap="sm">
              <Group justify="space-between" wrap="wrap">
                <Group gap="sm">
                  <Text fw={600}>{h.entityName}</Text>
                  <Badge color={h.shareholder ? 'teal' : 'yellow'} variant="light">
                    {h.shareholder ? t('governance.shareholder') : t('governance.subscriber')}
                  </Badge>
                </Group>
                <Anchor
                  href={`/api/v1/governance/entities/${h.entityId}/members/${actor.memberId}/certificate.pdf`}
                  target="_blank"
                  size="sm"
                >
                  {t('governance.certificate')}
                </Anchor>
              </Group>
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Stat label={t('governance.shares')} value={String(h.shares)} />
                <Stat label={t('governance.paid')} value={formatMoney(h.paidCents, lang)} />
                <Stat label={t('governance.unpaid')} value={formatMoney(h.unpaidCents, lang)} />
                <Stat
                  label={h.collegeName ? t('governance.college') : t('governance.nominal')}
                  value={h.collegeName ?? formatMoney(h.shareNominalCents, lang)}
                />
              </SimpleGrid>
              <LinesTable lines={h.lines} showMember={false} />
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

function Assemblies() {
  const { t, lang } = useT();
  const q = useQuery({
    queryKey: ['governance', 'assemblies'],
    queryFn: () => api.get<{ items: AssemblySummary[] }>('/api/v1/governance/assemblies'),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <Section title={t('governance.assemblies')}>
      {q.data.items.length === 0 ? (
        <Empty>{t('governance.noAssemblies')}</Empty>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {q.data.items.map((a) => (
            <Card key={a.id} withBorder radius="md" padding="md" component="article">
              <Stack gap={6}>
                <Group gap="xs">
                  <PhaseBadge phase={a.phase} />
                  <Badge variant="outline" color="gray">
                    {t(`governance.assemblyKinds.${a.kind}`)}
                  </Badge>
                </Group>
                <Anchor component={Link} to={`/governance/assemblies/${a.id}`} fw={600} fz="lg">
                  {a.title}
                </Anchor>
                <Text size="sm">{a.entityName}</Text>
                <Text size="sm" c="dimmed">
                  {t('governance.window', {
                    from: formatDateTime(a.opensAt, lang),
                    to: formatDateTime(a.closesAt, lang),
                  })}
                </Text>
                {a.phase !== 'draft' && (
                  <Text size="sm" c="dimmed">
                    {t('governance.participation', { participants: a.participants, electors: a.electors })}
                  </Text>
                )}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Section>
  );
}

const today = () => new Date().toISOString().slice(0, 10);

function RecordForm({ entity }: { entity: EntityGovernanceView }) {
  const { t } = useT();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  const [kind, setKind] = useState<'subscriptions' | 'payments' | 'transfers' | 'refunds'>('subscriptions');
  const [memberId, setMemberId] = useState<string | null>(null);
  const [toId, setToId] = useState<string | null>(null);
  const [shares, setShares] = useState<number | string>(1);
  const [euros, setEuros] = useState<number | string>((entity.shareNominalCents ?? 0) / 100);
  const [collegeId, setCollegeId] = useState<string | null>(null);
  const [occurredOn, setOccurredOn] = useState(today());
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () => {
      const base = { occurredOn, note };
      const college = collegeId ? { collegeId } : {};
      const body =
        kind === 'subscriptions'
          ? { ...base, memberId, shares: Number(shares), ...college }
          : kind === 'payments'
            ? { ...base, memberId, amountCents: Math.round(Number(euros) * 100) }
            : kind === 'transfers'
              ? { ...base, fromMemberId: memberId, toMemberId: toId, shares: Number(shares), ...college }
              : { ...base, memberId, shares: Number(shares) };
      return api.post(`/api/v1/governance/entities/${entity.entityId}/${kind}`, body);
    },
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('governance.recorded') });
      void client.invalidateQueries({ queryKey: ['governance'] });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const memberSelect = (label: string, value: string | null, onChange: (v: string | null) => void) => (
    <RemoteSelect<MemberOption>
      label={label}
      placeholder={t('governance.memberPlaceholder')}
      path="/api/v1/members"
      toOption={(m) => ({ value: m.id, label: `${m.firstName} ${m.lastName} (${m.number})` })}
      value={value}
      onChange={onChange}
    />
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label={t('governance.recordKind')}
          value={kind}
          onChange={(v) => v && setKind(v as typeof kind)}
          allowDeselect={false}
          data={(['subscriptions', 'payments', 'transfers', 'refunds'] as const).map((k) => ({
            value: k,
            label: t(
              `governance.kinds.${({ subscriptions: 'subscription', payments: 'payment', transfers: 'transfer_out', refunds: 'refund' } as const)[k]}`,
            ),
          }))}
        />
        {memberSelect(
          kind === 'transfers' ? t('governance.from') : t('governance.member'),
          memberId,
          setMemberId,
        )}
        {kind === 'transfers' && memberSelect(t('governance.to'), toId, setToId)}
        {kind === 'payments' ? (
          <NumberInput
            label={t('governance.amount')}
            value={euros}
            onChange={setEuros}
            min={0}
            decimalScale={2}
          />
        ) : (
          <NumberInput
            label={t('governance.shares')}
            value={shares}
            onChange={setShares}
            min={1}
            allowDecimal={false}
          />
        )}
        {entity.weightedColleges && (kind === 'subscriptions' || kind === 'transfers') && (
          <Select
            label={t('governance.college')}
            value={collegeId}
            onChange={setCollegeId}
            clearable
            data={entity.colleges.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        <TextInput
          label={t('governance.occurredOn')}
          type="date"
          value={occurredOn}
          onChange={(e) => setOccurredOn(e.currentTarget.value)}
        />
        <TextInput
          label={t('governance.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit" loading={save.isPending}>
          {t('governance.record')}
        </Button>
      </Group>
    </form>
  );
}

function SettingsForm({ entity }: { entity: EntityGovernanceView }) {
  const { t } = useT();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  const [nominal, setNominal] = useState<number | string>((entity.shareNominalCents ?? 5000) / 100);
  const [cap, setCap] = useState<number | string>(entity.proxyCap);
  const [weighted, setWeighted] = useState(entity.weightedColleges);
  const [colleges, setColleges] = useState(
    entity.colleges.map((c) => ({ id: c.id as string | undefined, name: c.name, percent: c.weightBp / 100 })),
  );
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/v1/governance/entities/${entity.entityId}/settings`, {
        shareNominalCents: Math.round(Number(nominal) * 100),
        proxyCap: Number(cap),
        weightedColleges: weighted,
        colleges: weighted
          ? colleges.map((c) => ({
              ...(c.id ? { id: c.id } : {}),
              name: c.name,
              weightBp: Math.round(c.percent * 100),
            }))
          : [],
      }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('governance.settingsSaved') });
      void client.invalidateQueries({ queryKey: ['governance'] });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  const total = colleges.reduce((sum, c) => sum + Number(c.percent || 0), 0);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label={t('governance.nominalEuros')}
          value={nominal}
          onChange={setNominal}
          min={0.01}
          decimalScale={2}
        />
        <NumberInput
          label={t('governance.proxyCap')}
          value={cap}
          onChange={setCap}
          min={0}
          max={50}
          allowDecimal={false}
        />
        <Select
          label={t('governance.voteMode')}
          value={weighted ? 'colleges' : 'heads'}
          onChange={(v) => setWeighted(v === 'colleges')}
          allowDeselect={false}
          data={[
            { value: 'heads', label: t('governance.onePersonOneVote') },
            { value: 'colleges', label: t('governance.byColleges') },
          ]}
        />
      </SimpleGrid>
      {weighted && (
        <Stack gap="xs" mt="sm">
          {colleges.map((c, i) => (
            <Group key={c.id ?? `new-${i}`} align="flex-end" gap="sm">
              <TextInput
                label={i === 0 ? t('governance.college') : undefined}
                aria-label={t('governance.college')}
                value={c.name}
                onChange={(e) => {
                  const name = e.currentTarget.value;
                  setColleges((all) => all.map((x, j) => (j === i ? { ...x, name } : x)));
                }}
                style={{ flex: '1 1 240px' }}
              />
              <NumberInput
                label={i === 0 ? t('governance.weightPercent') : undefined}
                aria-label={t('governance.weightPercent')}
                value={c.percent}
                onChange={(v) =>
                  setColleges((all) => all.map((x, j) => (j === i ? { ...x, percent: Number(v) } : x)))
                }
                min={10}
                max={50}
                w={120}
              />
              <Button
                variant="subtle"
                color="red"
                onClick={() => setColleges((all) => all.filter((_, j) => j !== i))}
                aria-label={`${t('governance.removeCollege')} ${c.name}`}
              >
                {t('governance.removeCollege')}
              </Button>
            </Group>
          ))}
          <Group justify="space-between">
            <Button
              variant="light"
              onClick={() => setColleges((all) => [...all, { id: undefined, name: '', percent: 10 }])}
            >
              {t('governance.addCollege')}
            </Button>
            <Text size="sm" c={total === 100 ? 'dimmed' : 'red'}>
              {t('governance.weightsTotal', { total })}
            </Text>
          </Group>
        </Stack>
      )}
      <Group mt="md">
        <Button type="submit" loading={save.isPending}>
          {t('governance.saveSettings')}
        </Button>
      </Group>
    </form>
  );
}

function Register({ entities }: { entities: EntityGovernanceView[] }) {
  const { t, lang } = useT();
  const canSet = can(useActor(), 'governance.assemblies');
  // Admins also see the entities whose shares are not set up yet, to set them up.
  const configured = entities.filter((e) => e.configured || canSet);
  const [entityId, setEntityId] = useState<string | null>(
    configured.find((e) => e.configured)?.entityId ?? configured[0]?.entityId ?? null,
  );
  const q = useQuery({
    queryKey: ['governance', 'register', entityId],
    queryFn: () => api.get<RegisterView>(`/api/v1/governance/entities/${entityId}/register`),
    enabled: entityId !== null,
  });
  const entity = configured.find((e) => e.entityId === entityId);
  return (
    <Section title={t('governance.register')}>
      <Stack gap="md">
        <Select
          label={t('governance.entity')}
          value={entityId}
          onChange={setEntityId}
          allowDeselect={false}
          data={configured.map((e) => ({ value: e.entityId, label: e.entityName }))}
          maw={420}
        />
        {entity && (
          <Stack gap={4}>
            <Text size="sm">
              {t('governance.capital', {
                shares: entity.subscribedShares,
                paid: formatMoney(entity.paidCapitalCents, lang),
                holders: entity.shareholders,
              })}{' '}
              · {t('governance.nominal')} {formatMoney(entity.shareNominalCents ?? 0, lang)}
            </Text>
            <Text size="sm" c="dimmed">
              {entity.weightedColleges
                ? `${t('governance.colleges')} : ${entity.colleges.map((c) => `${c.name} ${formatRate(c.weightBp, lang)}`).join(' · ')}`
                : t('governance.onePersonOneVote')}
            </Text>
          </Stack>
        )}
        {q.isPending && entityId ? <Loading /> : null}
        {q.isError && <QueryError error={q.error} onRetry={() => q.refetch()} />}
        {q.data && (
          <>
            <Text fw={600}>{t('governance.holders')}</Text>
            <Table.ScrollContainer minWidth={600}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('governance.member')}</Table.Th>
                    <Table.Th>{t('governance.college')}</Table.Th>
                    <Table.Th ta="right">{t('governance.shares')}</Table.Th>
                    <Table.Th ta="right">{t('governance.paid')}</Table.Th>
                    <Table.Th ta="right">{t('governance.unpaid')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {q.data.holders.map((h) => (
                    <Table.Tr key={h.memberId}>
                      <Table.Td>
                        {h.memberName}{' '}
                        <Text span c="dimmed" size="xs">
                          {h.memberNumber}
                        </Text>{' '}
                        {h.shareholder && (
                          <Badge size="xs" color="teal" variant="light">
                            {t('governance.shareholder')}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{h.collegeName ?? '—'}</Table.Td>
                      <Table.Td ta="right">{h.shares}</Table.Td>
                      <Table.Td ta="right">{formatMoney(h.paidCents, lang)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(h.unpaidCents, lang)}</Table.Td>
                      <Table.Td>
                        {h.shares > 0 && (
                          <Anchor
                            size="xs"
                            target="_blank"
                            href={`/api/v1/governance/entities/${entityId}/members/${h.memberId}/certificate.pdf`}
                          >
                            PDF
                          </Anchor>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {entity && canSet && (
              <Card withBorder radius="md">
                <Text fw={600} mb="sm">
                  {t('governance.settings')}
                </Text>
                <SettingsForm
                  key={`${entity.entityId}-${entity.colleges.map((c) => c.id).join()}`}
                  entity={entity}
                />
              </Card>
            )}
            {entity?.configured && (
              <Card withBorder radius="md">
                <Text fw={600} mb="sm">
                  {t('governance.record')}
                </Text>
                <RecordForm key={entity.entityId} entity={entity} />
              </Card>
            )}
            <Text fw={600}>{t('governance.lines')}</Text>
            <LinesTable lines={[...q.data.lines].reverse()} showMember />
          </>
        )}
      </Stack>
    </Section>
  );
}

const localInput = (d: Date) =>
  new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

function NewAssembly({ entities }: { entities: EntityGovernanceView[] }) {
  const { t } = useT();
  const navigate = useNavigate();
  const messageOf = useErrorMessage();
  const configured = entities.filter((e) => e.configured);
  const now = new Date();
  const [form, setForm] = useState({
    entityId: configured[0]?.entityId ?? '',
    kind: 'ordinary' as 'ordinary' | 'extraordinary',
    title: '',
    place: '',
    agenda: '',
    heldAt: localInput(new Date(now.getTime() + 21 * 86_400_000)),
    opensAt: localInput(new Date(now.getTime() + 7 * 86_400_000)),
    closesAt: localInput(new Date(now.getTime() + 21 * 86_400_000 - 3_600_000)),
    resolutions: '',
  });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const create = useMutation({
    mutationFn: () =>
      api.post<AssemblyView>('/api/v1/governance/assemblies', {
        entityId: form.entityId,
        kind: form.kind,
        title: form.title,
        place: form.place,
        agenda: form.agenda,
        heldAt: new Date(form.heldAt).toISOString(),
        opensAt: new Date(form.opensAt).toISOString(),
        closesAt: new Date(form.closesAt).toISOString(),
        resolutions: form.resolutions
          .split('\n')
          .map((r) => r.trim())
          .filter(Boolean)
          .map((title) => ({ title })),
      }),
    onSuccess: (a) => {
      notifications.show({ color: 'green', message: t('governance.created') });
      navigate(`/governance/assemblies/${a.id}`);
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  return (
    <Section title={t('governance.newAssembly')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('governance.entity')}
            value={form.entityId}
            onChange={(v) => v && set('entityId')(v)}
            allowDeselect={false}
            data={configured.map((e) => ({ value: e.entityId, label: e.entityName }))}
          />
          <Select
            label={t('governance.kind')}
            value={form.kind}
            onChange={(v) => v && set('kind')(v)}
            allowDeselect={false}
            data={(['ordinary', 'extraordinary'] as const).map((k) => ({
              value: k,
              label: t(`governance.assemblyKinds.${k}`),
            }))}
          />
          <TextInput
            label={t('governance.assemblyTitle')}
            required
            value={form.title}
            onChange={(e) => set('title')(e.currentTarget.value)}
          />
          <TextInput
            label={t('governance.place')}
            value={form.place}
            onChange={(e) => set('place')(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('governance.opensAt')}
            value={form.opensAt}
            onChange={(e) => set('opensAt')(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('governance.closesAt')}
            value={form.closesAt}
            onChange={(e) => set('closesAt')(e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('governance.heldAtLabel')}
            value={form.heldAt}
            onChange={(e) => set('heldAt')(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          mt="sm"
          label={t('governance.agenda')}
          autosize
          minRows={3}
          value={form.agenda}
          onChange={(e) => set('agenda')(e.currentTarget.value)}
        />
        <Textarea
          mt="sm"
          label={t('governance.resolutionsLabel')}
          required
          autosize
          minRows={3}
          value={form.resolutions}
          onChange={(e) => set('resolutions')(e.currentTarget.value)}
        />
        <Group mt="md">
          <Button type="submit" loading={create.isPending}>
            {t('governance.create')}
          </Button>
        </Group>
      </form>
    </Section>
  );
}

export function GovernancePage() {
  const { t } = useT();
  const actor = useActor();
  const staff = can(actor, 'governance.register') || can(actor, 'governance.assemblies');
  const entities = useQuery({
    queryKey: ['governance', 'entities'],
    queryFn: () => api.get<{ items: EntityGovernanceView[] }>('/api/v1/governance/entities'),
    enabled: staff,
  });
  return (
    <>
      <PageHeader
        title={t('governance.title')}
        subtitle={staff ? t('governance.staffIntro') : t('governance.intro')}
      />
      <Stack gap="lg">
        {actor.memberId && <MyShares />}
        <Assemblies />
        {can(actor, 'governance.register') && entities.data && <Register entities={entities.data.items} />}
        {can(actor, 'governance.assemblies') && entities.data && (
          <NewAssembly entities={entities.data.items} />
        )}
      </Stack>
    </>
  );
}
