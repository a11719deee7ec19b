// A member's file: profile (NIR and IBAN as the server serves them, masked for advisers), status
// changes, the invitation to sign in, and their activities.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  DataList,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { can } from '../../domain/access.ts';
import { canChangeStatus, type MemberStatus, memberStatuses } from '../../domain/members/schemas.ts';
import { api, type Page } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import type { Activity, Member } from '../types.ts';
import { ActivityStatusBadge, FeeRate, MemberStatusBadge } from '../ui/badges.tsx';
import { countryName, formatDate, withColon } from '../ui/format.ts';
import { useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

export const memberKey = (id: string) => ['member', id] as const;

export const useMember = (id: string) =>
  useQuery({ queryKey: memberKey(id), queryFn: () => api.get<Member>(`/api/v1/members/${id}`) });

export function MemberPage() {
  const { id = '' } = useParams();
  const member = useMember(id);
  if (member.isPending) return <Loading />;
  if (member.isError) return <QueryError error={member.error} onRetry={() => member.refetch()} />;
  return <MemberView member={member.data} />;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useT();
  const empty = children === null || children === undefined || children === '';
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>
        {empty ? (
          <Text span c="dimmed" size="sm">
            {t('common.notProvided')}
          </Text>
        ) : (
          children
        )}
      </DataList.ItemValue>
    </DataList.Item>
  );
}

function MemberView({ member: m }: { member: Member }) {
  const { t, lang } = useT();
  const actor = useActor();
  const resource = { kind: 'member' as const, id: m.id, officeId: m.officeId };
  const staff = can(actor, 'member.updateStatus', resource);
  const self = actor.memberId === m.id;
  const name = `${m.firstName} ${m.lastName}`;

  return (
    <>
      <PageHeader
        title={name}
        badges={<MemberStatusBadge status={m.status} />}
        subtitle={[m.number, m.officeName].filter(Boolean).join(' · ')}
        back={can(actor, 'member.list') ? { to: '/members', label: t('members.title') } : undefined}
        actions={
          <>
            {can(actor, 'member.update', resource) && (
              <Button component={Link} to={`/members/${m.id}/edit`} variant={self ? 'filled' : 'default'}>
                {t('common.edit')}
              </Button>
            )}
            {staff && <InviteButton member={m} />}
            {!self && can(actor, 'fee.readContribution', resource) && (
              <Button component={Link} to={`/contribution?memberId=${m.id}`} variant="default">
                {t('fees.contributionLink')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        {staff && <StatusActions member={m} />}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section title={t('members.identity')}>
            <DataList labelWidth={170}>
              <Item label={t('members.number')}>{m.number}</Item>
              <Item label={t('members.firstName')}>{m.firstName}</Item>
              <Item label={t('members.lastName')}>{m.lastName}</Item>
              <Item label={t('members.birthDate')}>
                {m.birthDate && formatDate(m.birthDate, lang, 'long')}
              </Item>
              <Item label={t('members.sex')}>
                {m.sex && (m.sex === 'F' ? t('members.sexF') : t('members.sexM'))}
              </Item>
              <Item label={t('common.status')}>{t(`status.${m.status}`)}</Item>
              <Item label={t('members.joinedOn')}>{m.joinedOn && formatDate(m.joinedOn, lang, 'long')}</Item>
              {m.exitedOn && (
                <Item label={t('members.exitedOn')}>{formatDate(m.exitedOn, lang, 'long')}</Item>
              )}
              <Item label={t('members.office')}>{m.officeName}</Item>
            </DataList>
          </Section>
          <Section title={t('members.contact')}>
            <DataList labelWidth={170}>
              <Item label={t('common.email')}>
                <Anchor href={`mailto:${m.email}`}>{m.email}</Anchor>
              </Item>
              <Item label={t('common.phone')}>{m.phone}</Item>
              <Item label={t('common.address')}>
                {(m.addressLine || m.city) && (
                  <>
                    {m.addressLine}
                    {m.addressLine && <br />}
                    {[m.postalCode, m.city].filter(Boolean).join(' ')}
                    <br />
                    {countryName(m.country, lang)}
                  </>
                )}
              </Item>
              <Item label={t('members.trades')}>
                {m.trades.length > 0 && (
                  <Group gap={4}>
                    {m.trades.map((trade) => (
                      <Badge key={trade} color="gray" variant="light" tt="none">
                        {trade}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Item>
              <Item label={t('members.account')}>
                {m.hasAccount ? t('members.hasAccount') : t('members.noAccount')}
              </Item>
            </DataList>
          </Section>
        </SimpleGrid>
        <Section title={t('members.payroll')}>
          {!m.sensitiveVisible && (m.nir || m.iban) && (
            <Text size="sm" c="dimmed">
              {t('members.maskedNotice')}
            </Text>
          )}
          <DataList labelWidth={190}>
            <Item label={t('members.nir')}>
              {m.nir && (
                <Text span ff="monospace" size="sm">
                  {m.nir}
                </Text>
              )}
            </Item>
            <Item label={t('members.iban')}>
              {m.iban && (
                <Text span ff="monospace" size="sm">
                  {m.iban}
                </Text>
              )}
            </Item>
            <Item label={t('members.bic')}>
              {m.bic && (
                <Text span ff="monospace" size="sm">
                  {m.bic}
                </Text>
              )}
            </Item>
          </DataList>
        </Section>
        <MemberActivities member={m} />
      </Stack>
    </>
  );
}

function InviteButton({ member }: { member: Member }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const messageOf = useErrorMessage();
  const invite = useMutation({
    mutationFn: () => api.post<Member>(`/api/v1/members/${member.id}/invitation`),
    onSuccess: (updated) => {
      queryClient.setQueryData(memberKey(member.id), updated);
      notifications.show({ color: 'commune', message: t('members.invited', { email: member.email }) });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  if (member.status === 'exited') return null;
  return (
    <Button variant="default" loading={invite.isPending} onClick={() => invite.mutate()}>
      {member.hasAccount ? t('members.reinvite') : t('members.invite')}
    </Button>
  );
}

function statusLabel(t: ReturnType<typeof useT>['t'], from: MemberStatus, to: MemberStatus): string {
  if (to === 'shareholder') return t('members.toShareholder');
  if (to === 'exited') return t('members.exit');
  if (from === 'prospect') return t('members.toMember');
  if (from === 'shareholder') return t('members.backToMember');
  return t('members.readmit');
}

function StatusActions({ member }: { member: Member }) {
  const { t, lang } = useT();
  const queryClient = useQueryClient();
  const messageOf = useErrorMessage();
  const [target, setTarget] = useState<MemberStatus | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (to: MemberStatus) =>
      api.post<Member>(`/api/v1/members/${member.id}/status`, {
        status: to,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(memberKey(member.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['members'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      notifications.show({
        color: 'commune',
        message: t('members.statusChanged', { status: t(`status.${updated.status}`) }),
      });
      setTarget(null);
    },
    onError: (e) => setError(messageOf(e)),
  });
  const targets = memberStatuses.filter((to) => canChangeStatus(member.status, to));
  if (targets.length === 0) return null;
  const open = (to: MemberStatus) => {
    setReason('');
    setError(null);
    setTarget(to);
  };
  const name = `${member.firstName} ${member.lastName}`;
  return (
    <Section title={t('members.changeStatus')}>
      <Group gap="sm">
        {targets.map((to) => (
          <Button
            key={to}
            variant="light"
            color={to === 'exited' ? 'red' : undefined}
            onClick={() => open(to)}
          >
            {statusLabel(t, member.status, to)}
          </Button>
        ))}
      </Group>
      <Modal
        opened={target !== null}
        onClose={() => setTarget(null)}
        title={
          target === 'exited' ? t('members.exitTitle') : target ? statusLabel(t, member.status, target) : ''
        }
        centered
      >
        {target && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              change.mutate(target);
            }}
          >
            <Stack gap="md">
              {error && (
                <Alert color="red" variant="light" role="alert">
                  {error}
                </Alert>
              )}
              <Text size="sm">
                {target === 'exited'
                  ? t('members.exitText', { name })
                  : `${withColon(name, lang)} ${t(`status.${member.status}`)} → ${t(`status.${target}`)}`}
              </Text>
              <Textarea
                label={t('members.statusReason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                maxLength={500}
                autosize
                minRows={2}
              />
              <Group justify="flex-end" gap="sm">
                <Button variant="default" onClick={() => setTarget(null)}>
                  {t('common.cancel')}
                </Button>
                <Button
                  type="submit"
                  color={target === 'exited' ? 'red' : undefined}
                  loading={change.isPending}
                >
                  {t('common.confirm')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </Section>
  );
}

function MemberActivities({ member }: { member: Member }) {
  const { t, lang } = useT();
  const actor = useActor();
  const activities = useQuery({
    queryKey: ['activities', 'member', member.id],
    queryFn: () =>
      api.get<Page<Activity>>('/api/v1/activities', { memberId: member.id, limit: 100, sort: 'name' }),
  });
  const mayCreate =
    member.status !== 'exited' &&
    can(actor, 'activity.create', { kind: 'member', id: member.id, officeId: member.officeId });
  return (
    <Section
      title={t('members.activities')}
      actions={
        mayCreate && (
          <Button
            component={Link}
            to={actor.memberId === member.id ? '/activities/new' : `/activities/new?memberId=${member.id}`}
            size="xs"
            variant="light"
          >
            {t('members.newActivityFor')}
          </Button>
        )
      }
    >
      {activities.isPending ? (
        <Loading />
      ) : activities.isError ? (
        <QueryError error={activities.error} onRetry={() => activities.refetch()} />
      ) : activities.data.items.length === 0 ? (
        <Empty>{t('members.noActivities')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={520} type="native">
          <Table verticalSpacing="xs" aria-label={t('members.activities')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('activities.name')}</Table.Th>
                <Table.Th>{t('activities.entity')}</Table.Th>
                <Table.Th>{t('activities.feeRate')}</Table.Th>
                <Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('activities.createdOn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {activities.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/activities/${a.id}`} fw={500}>
                      {a.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{a.entity.name}</Table.Td>
                  <Table.Td>
                    <FeeRate rateBp={a.feeRateBp} overridden={a.feeRateOverridden} />
                  </Table.Td>
                  <Table.Td>
                    <ActivityStatusBadge status={a.status} />
                  </Table.Td>
                  <Table.Td>{formatDate(a.createdAt, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}
