// A client: identification, contact details, contacts (add, remove) and the activities linked to it.
import { Anchor, Box, Button, DataList, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Actor } from '../../domain/access.ts';
import { contactInput } from '../../domain/clients/schemas.ts';
import { api } from '../api.ts';
import { hasRole, isMemberOnly, useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import type { Activity, Client } from '../types.ts';
import { ClientKindBadge, PublicSectorBadge } from '../ui/badges.tsx';
import { ConfirmButton } from '../ui/confirm.tsx';
import { countryName } from '../ui/format.ts';
import { FormError, orNull, useErrorMessage, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { RemoteSelect } from '../ui/remote-select.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

export const clientKey = (id: string) => ['client', id] as const;

export const useClient = (id: string) =>
  useQuery({ queryKey: clientKey(id), queryFn: () => api.get<Client>(`/api/v1/clients/${id}`) });

/**
 * Who may change a client (as the server's `client.update`): the accountant and admins, and those
 * working on (or following) an activity linked to it, which are the linked activities they see.
 */
export const mayEditClient = (actor: Actor, c: Client) =>
  hasRole(actor, 'admin', 'accountant') || c.activities.length > 0;

export function ClientPage() {
  const { id = '' } = useParams();
  const client = useClient(id);
  if (client.isPending) return <Loading />;
  if (client.isError) return <QueryError error={client.error} onRetry={() => client.refetch()} />;
  return <ClientView client={client.data} />;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useT();
  const empty = children === null || children === undefined || children === '' || children === false;
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

function ClientView({ client: c }: { client: Client }) {
  const { t, lang } = useT();
  const actor = useActor();
  const editable = mayEditClient(actor, c);
  const company = c.kind !== 'individual';
  return (
    <>
      <PageHeader
        title={c.name}
        badges={
          <>
            <ClientKindBadge kind={c.kind} />
            {c.publicSector && <PublicSectorBadge />}
          </>
        }
        subtitle={[c.postalCode, c.city].filter(Boolean).join(' ')}
        back={{ to: '/clients', label: isMemberOnly(actor) ? t('clients.titleMine') : t('clients.title') }}
        actions={
          editable && (
            <Button component={Link} to={`/clients/${c.id}/edit`} variant="default">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section title={t('clients.identity')}>
            <DataList labelWidth={200}>
              <Item label={t('clients.kind')}>{t(`clients.kinds.${c.kind}`)}</Item>
              {company && (
                <>
                  <Item label={t('clients.siren')}>
                    {c.siren && (
                      <Text span ff="monospace" size="sm">
                        {c.siren}
                      </Text>
                    )}
                  </Item>
                  <Item label={t('clients.siret')}>
                    {c.siret && (
                      <Text span ff="monospace" size="sm">
                        {c.siret}
                      </Text>
                    )}
                  </Item>
                  <Item label={t('clients.vatNumber')}>
                    {c.vatNumber && (
                      <Text span ff="monospace" size="sm">
                        {c.vatNumber}
                      </Text>
                    )}
                  </Item>
                  <Item label={t('clients.publicSector')}>
                    {c.publicSector ? t('common.yes') : t('common.no')}
                  </Item>
                </>
              )}
              {c.notes && <Item label={t('common.notes')}>{c.notes}</Item>}
            </DataList>
          </Section>
          <Section title={t('members.contact')}>
            <DataList labelWidth={160}>
              <Item label={t('common.address')}>
                {c.addressLine}
                <br />
                {c.postalCode} {c.city}
                <br />
                {countryName(c.country, lang)}
              </Item>
              <Item label={t('common.email')}>
                {c.email && <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor>}
              </Item>
              <Item label={t('common.phone')}>{c.phone}</Item>
            </DataList>
          </Section>
        </SimpleGrid>
        <Contacts client={c} editable={editable} />
        <LinkedActivities client={c} />
      </Stack>
    </>
  );
}

type ContactValues = { name: string; role: string; email: string; phone: string };
const contactBody = (v: ContactValues) => ({
  name: v.name.trim(),
  role: v.role.trim(),
  email: orNull(v.email),
  phone: orNull(v.phone),
});

function Contacts({ client: c, editable }: { client: Client; editable: boolean }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const messageOf = useErrorMessage();
  const [adding, setAdding] = useState(false);
  const form = useForm<ContactValues, ReturnType<typeof contactBody>>({
    initialValues: { name: '', role: '', email: '', phone: '' },
    validate: validateWith(contactInput, contactBody),
    transformValues: contactBody,
  });
  const add = useFormSubmit(form, {
    mutationFn: (body) => api.post<Client>(`/api/v1/clients/${c.id}/contacts`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(clientKey(c.id), updated);
      form.reset();
      setAdding(false);
      notifications.show({ color: 'commune', message: t('clients.contactAdded') });
    },
  });
  const remove = useMutation({
    mutationFn: (contactId: string) => api.delete<Client>(`/api/v1/clients/${c.id}/contacts/${contactId}`),
    onSuccess: (updated) => {
      queryClient.setQueryData(clientKey(c.id), updated);
      notifications.show({ color: 'commune', message: t('clients.contactRemoved') });
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
  return (
    <Section
      title={t('clients.contacts')}
      actions={
        editable &&
        !adding && (
          <Button size="xs" variant="light" onClick={() => setAdding(true)}>
            {t('clients.addContact')}
          </Button>
        )
      }
    >
      {c.contacts.length === 0 ? (
        !adding && <Empty>{t('clients.noContacts')}</Empty>
      ) : (
        <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {c.contacts.map((contact) => (
            <Group
              key={contact.id}
              component="li"
              justify="space-between"
              align="flex-start"
              py="xs"
              wrap="nowrap"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <div style={{ minWidth: 0 }}>
                <Text fw={500}>
                  {contact.name}
                  {contact.role && (
                    <Text span c="dimmed" size="sm">
                      {' '}
                      · {contact.role}
                    </Text>
                  )}
                </Text>
                <Group gap="md">
                  {contact.email && (
                    <Anchor href={`mailto:${contact.email}`} size="sm">
                      {contact.email}
                    </Anchor>
                  )}
                  {contact.phone && <Text size="sm">{contact.phone}</Text>}
                </Group>
              </div>
              {editable && (
                <ConfirmButton
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('clients.removeContact', { name: contact.name })}
                  title={t('clients.removeContact', { name: contact.name })}
                  message={`${contact.name}${contact.role ? ` · ${contact.role}` : ''}`}
                  confirmLabel={t('common.remove')}
                  loading={remove.isPending}
                  onConfirm={() => remove.mutateAsync(contact.id).catch(() => undefined)}
                >
                  {t('common.remove')}
                </ConfirmButton>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {adding && (
        <form onSubmit={add.onSubmit} noValidate aria-label={t('clients.addContact')}>
          {add.error && (
            <Box mt="xs">
              <FormError message={add.error} />
            </Box>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
            <TextInput label={t('clients.contactName')} required {...form.getInputProps('name')} />
            <TextInput label={t('clients.contactRole')} {...form.getInputProps('role')} />
            <TextInput label={t('clients.contactEmail')} type="email" {...form.getInputProps('email')} />
            <TextInput label={t('clients.contactPhone')} type="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <Group gap="sm" mt="sm">
            <Button type="submit" size="sm" loading={add.pending}>
              {t('clients.addContact')}
            </Button>
            <Button
              size="sm"
              variant="default"
              onClick={() => {
                form.reset();
                add.reset();
                setAdding(false);
              }}
            >
              {t('common.cancel')}
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}

function LinkedActivities({ client: c }: { client: Client }) {
  const { t } = useT();
  const actor = useActor();
  const queryClient = useQueryClient();
  const messageOf = useErrorMessage();
  const [toLink, setToLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mayLink = actor.memberId !== null || hasRole(actor, 'admin', 'adviser');
  const link = useMutation({
    mutationFn: (activityId: string) => api.put<Client>(`/api/v1/activities/${activityId}/clients/${c.id}`),
    onSuccess: (updated) => {
      queryClient.setQueryData(clientKey(c.id), updated);
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      setToLink(null);
      setError(null);
      notifications.show({ color: 'commune', message: t('clients.linked') });
    },
    onError: (e) => setError(messageOf(e)),
  });
  const linked = c.activities.map((a) => a.id);
  return (
    <Section title={t('clients.activities')}>
      {c.activities.length === 0 ? (
        <Empty>{t('clients.noActivities')}</Empty>
      ) : (
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {c.activities.map((a) => (
            <li key={a.id}>
              <Anchor component={Link} to={`/activities/${a.id}`} fw={500}>
                {a.name}
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
      {mayLink && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (toLink) link.mutate(toLink);
          }}
        >
          <Group align="flex-end" gap="sm" mt="xs">
            <div style={{ flex: '1 1 260px', maxWidth: 380 }}>
              <RemoteSelect<Activity>
                label={t('clients.linkActivity')}
                placeholder={t('activities.searchPlaceholder')}
                path="/api/v1/activities"
                query={{
                  status: 'open',
                  ...(isMemberOnly(actor) && actor.memberId ? { memberId: actor.memberId } : {}),
                }}
                toOption={(a) => ({ value: a.id, label: `${a.name} (${a.entity.code})` })}
                exclude={linked}
                value={toLink}
                onChange={(v) => setToLink(v)}
                error={error}
              />
            </div>
            <Button type="submit" variant="light" disabled={!toLink} loading={link.isPending}>
              {t('clients.link')}
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}
