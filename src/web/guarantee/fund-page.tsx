// The guarantee fund, for the direction and the accountants: what it holds (inflows from the fee's
// share and endowments, less the losses it absorbed), what it has promised (covers outstanding) and
// how much more it may promise, month by month, the covers with why each was granted, the invoices
// it absorbed, and the stress test — the three largest clients default: would it hold?
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../domain/access.ts';
import type { CoverView, FundView, GuaranteeSettingsInput } from '../../domain/guarantee/schemas.ts';
import { api, request } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { formatDate, formatMoney, formatRate, localeOf } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { MonthChart } from '../ui/month-chart.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';
import { CoverExplanation } from './cover-note.tsx';

export function FundPage() {
  const actor = useActor();
  return can(actor, 'guarantee.read') ? <Fund /> : <NotFound />;
}

type Entity = { id: string; code: string; name: string };

const monthName = (month: string, lang: 'fr' | 'en') =>
  new Intl.DateTimeFormat(localeOf(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-15T12:00:00Z`),
  );

function Fund() {
  const { t } = useT();
  const actor = useActor();
  const entities = useQuery({
    queryKey: ['guarantee-entities'],
    queryFn: () => api.get<{ items: Entity[] }>('/api/v1/guarantee/entities').then((r) => r.items),
  });
  const [picked, setPicked] = useState<string | null>(null);
  const entityId = picked ?? entities.data?.[0]?.id ?? null;
  const fund = useQuery({
    queryKey: ['guarantee-fund', entityId],
    queryFn: () => api.get<FundView>(`/api/v1/guarantee/funds/${entityId}`),
    enabled: Boolean(entityId),
  });
  const manager = can(actor, 'guarantee.manage');
  const [editing, setEditing] = useState(false);
  const [endowing, setEndowing] = useState(false);
  return (
    <>
      <PageHeader
        title={t('guarantee.title')}
        subtitle={t('guarantee.subtitle')}
        actions={
          manager &&
          fund.data && (
            <>
              <Button variant="default" onClick={() => setEditing(true)}>
                {t('guarantee.settings')}
              </Button>
              <Button onClick={() => setEndowing(true)}>{t('guarantee.endow')}</Button>
            </>
          )
        }
      />
      <Select
        label={t('guarantee.entity')}
        data={(entities.data ?? []).map((e) => ({ value: e.id, label: `${e.name} (${e.code})` }))}
        value={entityId}
        onChange={setPicked}
        allowDeselect={false}
        w={360}
        mb="md"
      />
      {entities.isPending || (entityId && fund.isPending) ? (
        <Loading />
      ) : entities.isError ? (
        <QueryError error={entities.error} />
      ) : fund.isError ? (
        <QueryError error={fund.error} />
      ) : fund.data ? (
        <FundBody fund={fund.data} />
      ) : null}
      {editing && fund.data && <SettingsModal fund={fund.data} onClose={() => setEditing(false)} />}
      {endowing && fund.data && (
        <EndowModal entityId={fund.data.entity.id} onClose={() => setEndowing(false)} />
      )}
    </>
  );
}

function FundBody({ fund: f }: { fund: FundView }) {
  const { t, lang } = useT();
  const money = (c: number) => formatMoney(c, lang);
  const p = f.position;
  const cards = [
    { key: 'balance', label: t('guarantee.balance'), value: p.balanceCents, strong: true },
    {
      key: 'exposure',
      label: t('guarantee.exposure'),
      value: p.exposureCents,
      note:
        p.exposureBp !== null
          ? t('guarantee.exposureRate', { rate: formatRate(p.exposureBp, lang) })
          : undefined,
    },
    {
      key: 'free',
      label: t('guarantee.free'),
      value: p.freeCents,
      note: t('guarantee.cap', {
        amount: money(p.capCents),
        rate: formatRate(f.settings.maxExposureBp, lang),
      }),
    },
    { key: 'inflows', label: t('guarantee.inflows'), value: p.inflowsCents },
    { key: 'granted', label: t('guarantee.granted'), value: f.coversGrantedCents },
    { key: 'released', label: t('guarantee.released'), value: f.releasedCents },
    { key: 'given-back', label: t('guarantee.givenBack'), value: f.givenBackByCreditNotesCents },
    { key: 'losses', label: t('guarantee.losses'), value: p.lossesCents },
  ];
  const active = useQuery({
    queryKey: ['guarantee-fund', f.entity.id, 'covers'],
    queryFn: () =>
      api.get<{ items: CoverView[] }>(`/api/v1/guarantee/funds/${f.entity.id}/covers`, { status: 'active' }),
  });
  const s = f.stress;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
        {cards.map((c) => (
          <Card key={c.key} withBorder padding="sm" data-testid={`fund-${c.key}`}>
            <Text size="xs" c="dimmed">
              {c.label}
            </Text>
            <Text fw={c.strong ? 700 : 600} size={c.strong ? 'xl' : 'lg'} ff="monospace">
              {money(c.value)}
            </Text>
            {c.note && (
              <Text size="xs" c="dimmed">
                {c.note}
              </Text>
            )}
          </Card>
        ))}
      </SimpleGrid>

      <Section title={t('guarantee.stressTitle')} id="stress">
        <Text size="sm" c="dimmed">
          {t('guarantee.stressIntro')}
        </Text>
        {s.defaulting.length === 0 && (
          <Text size="sm" data-testid="stress-none">
            {t('guarantee.stressNone')}
          </Text>
        )}
        <Alert color={s.uncoveredLossCents === 0 ? 'teal' : 'red'} data-testid="stress-verdict">
          {s.uncoveredLossCents === 0
            ? t('guarantee.stressHolds', {
                amount: money(s.balanceAfterCents),
                absorbed: money(s.absorbedCents),
              })
            : t('guarantee.stressFails', {
                amount: money(s.uncoveredLossCents),
                absorbed: money(s.absorbedCents),
              })}
        </Alert>
        {s.defaulting.length > 0 && (
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('guarantee.client')}</Table.Th>
                  <Table.Th ta="right">{t('guarantee.receivable')}</Table.Th>
                  <Table.Th ta="right">{t('guarantee.covered')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.defaulting.map((c) => (
                  <Table.Tr key={c.clientId}>
                    <Table.Td>{c.clientName}</Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(c.receivableCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(c.coveredCents)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      {f.months.length > 0 && (
        <Section title={t('guarantee.months')} id="months">
          <MonthChart
            months={f.months.map((m) => m.month)}
            bars={[
              {
                label: t('guarantee.monthInflows'),
                color: 'var(--mantine-color-teal-6)',
                values: f.months.map((m) => m.inflowsCents),
              },
              {
                label: t('guarantee.monthCovers'),
                color: 'var(--mantine-color-blue-5)',
                values: f.months.map((m) => m.coversCents),
              },
              {
                label: t('guarantee.monthLosses'),
                color: 'var(--mantine-color-red-6)',
                values: f.months.map((m) => m.lossesCents),
              },
            ]}
            lang={lang}
            label={t('guarantee.months')}
          />
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th ta="right">{t('guarantee.monthInflows')}</Table.Th>
                  <Table.Th ta="right">{t('guarantee.monthCovers')}</Table.Th>
                  <Table.Th ta="right">{t('guarantee.monthReleases')}</Table.Th>
                  <Table.Th ta="right">{t('guarantee.monthLosses')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.months.map((m) => (
                  <Table.Tr key={m.month}>
                    <Table.Td>{monthName(m.month, lang)}</Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(m.inflowsCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(m.coversCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(m.releasesCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(m.lossesCents)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
      )}

      <Section title={t('guarantee.coversTitle')} id="covers">
        {active.isPending ? (
          <Loading />
        ) : active.isError ? (
          <QueryError error={active.error} />
        ) : active.data.items.length === 0 ? (
          <Empty>{t('guarantee.noCovers')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('guarantee.activity')}</Table.Th>
                  <Table.Th>{t('guarantee.invoice')}</Table.Th>
                  <Table.Th ta="right">{t('guarantee.amount')}</Table.Th>
                  <Table.Th>{t('guarantee.grantedOn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {active.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {c.activityName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {c.memberName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {c.invoiceNumber} · {c.clientName}
                      </Text>
                      <CoverExplanation reasons={c.reasons} size="xs" />
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(c.outstandingCents)}
                    </Table.Td>
                    <Table.Td>{formatDate(c.grantedOn, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>

      <Section title={t('guarantee.lossesTitle')} id="losses">
        {f.losses.length === 0 ? (
          <Empty>{t('guarantee.noLosses')}</Empty>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('guarantee.invoice')}</Table.Th>
                  <Table.Th>{t('guarantee.declaredOn')}</Table.Th>
                  <Table.Th ta="right">{t('guarantee.absorbed')}</Table.Th>
                  <Table.Th ta="right">{t('guarantee.leftToActivity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.losses.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {l.invoiceNumber} · {l.clientName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {l.activityName}
                      </Text>
                    </Table.Td>
                    <Table.Td>{formatDate(l.declaredOn, lang)}</Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(l.absorbedCents)}
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {l.activityLossCents > 0 ? (
                        <Badge color="red">{money(l.activityLossCents)}</Badge>
                      ) : (
                        money(0)
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Section>
    </Stack>
  );
}

function SettingsModal({ fund, onClose }: { fund: FundView; onClose: () => void }) {
  const { t, lang } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const s = fund.settings;
  const [v, setV] = useState({
    enabled: s.enabled,
    maxPerMember: s.maxPerMemberCents / 100,
    maxPerClient: s.maxPerClientCents / 100,
    maxInvoiceAgeDays: s.maxInvoiceAgeDays,
    maxExposure: s.maxExposureBp / 100,
    delayWorkingDays: s.delayWorkingDays,
  });
  const num = (x: number | string) => (typeof x === 'number' ? x : Number.parseFloat(x) || 0);
  const save = useMutation({
    mutationFn: () =>
      api.put(`/api/v1/guarantee/funds/${fund.entity.id}/settings`, {
        enabled: v.enabled,
        maxPerMemberCents: Math.round(v.maxPerMember * 100),
        maxPerClientCents: Math.round(v.maxPerClient * 100),
        maxInvoiceAgeDays: Math.round(v.maxInvoiceAgeDays),
        maxExposureBp: Math.round(v.maxExposure * 100),
        delayWorkingDays: Math.round(v.delayWorkingDays),
      } satisfies GuaranteeSettingsInput),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('guarantee.saved') });
      void queryClient.invalidateQueries({ queryKey: ['guarantee-fund'] });
      onClose();
    },
  });
  const sep = { decimalSeparator: lang === 'fr' ? ',' : '.', thousandSeparator: lang === 'fr' ? ' ' : ',' };
  return (
    <Modal opened onClose={onClose} title={t('guarantee.settingsTitle')} centered size="lg">
      <Stack gap="sm">
        {!s.saved && (
          <Text size="sm" c="dimmed">
            {t('guarantee.settingsDefault')}
          </Text>
        )}
        <Switch
          label={t('guarantee.enabled')}
          checked={v.enabled}
          onChange={(e) => setV({ ...v, enabled: e.currentTarget.checked })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('guarantee.maxPerMember')}
            value={v.maxPerMember}
            min={0}
            {...sep}
            onChange={(x) => setV({ ...v, maxPerMember: num(x) })}
          />
          <NumberInput
            label={t('guarantee.maxPerClient')}
            value={v.maxPerClient}
            min={0}
            {...sep}
            onChange={(x) => setV({ ...v, maxPerClient: num(x) })}
          />
          <NumberInput
            label={t('guarantee.maxInvoiceAge')}
            value={v.maxInvoiceAgeDays}
            min={0}
            max={3650}
            onChange={(x) => setV({ ...v, maxInvoiceAgeDays: num(x) })}
          />
          <NumberInput
            label={t('guarantee.maxExposure')}
            value={v.maxExposure}
            min={0}
            max={100}
            decimalScale={2}
            {...sep}
            onChange={(x) => setV({ ...v, maxExposure: num(x) })}
          />
          <NumberInput
            label={t('guarantee.delay')}
            value={v.delayWorkingDays}
            min={0}
            max={60}
            onChange={(x) => setV({ ...v, delayWorkingDays: num(x) })}
          />
        </SimpleGrid>
        <FormError message={save.isError ? message(save.error) : null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const newKey = () => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;

function EndowModal({ entityId, onClose }: { entityId: string; onClose: () => void }) {
  const { t, lang } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [amount, setAmount] = useState<number | string>('');
  const [label, setLabel] = useState(t('guarantee.endowDefaultLabel'));
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [key] = useState(newKey);
  const endow = useMutation({
    mutationFn: () =>
      request(`/api/v1/guarantee/funds/${entityId}/endowments`, {
        method: 'POST',
        idempotencyKey: key,
        body: { amountCents: Math.round(Number(amount) * 100), entryDate: date, label },
      }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('guarantee.endowed') });
      void queryClient.invalidateQueries({ queryKey: ['guarantee-fund'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('guarantee.endowTitle')} centered>
      <Stack gap="sm">
        <NumberInput
          label={t('guarantee.amount')}
          value={amount}
          onChange={setAmount}
          min={0}
          decimalScale={2}
          decimalSeparator={lang === 'fr' ? ',' : '.'}
          thousandSeparator={lang === 'fr' ? ' ' : ','}
          suffix=" €"
        />
        <TextInput
          label={t('guarantee.endowLabel')}
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
        />
        <TextInput
          label={t('guarantee.endowDate')}
          type="date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
        />
        <FormError message={endow.isError ? message(endow.error) : null} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => endow.mutate()} loading={endow.isPending} disabled={!(Number(amount) > 0)}>
            {t('guarantee.endow')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
