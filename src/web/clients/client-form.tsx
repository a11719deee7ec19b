// Adding a client to the shared directory (with contacts, linked to one of my activities) and
// editing one. Identifiers are checked with their keys, as on the server.
import {
  Button,
  Fieldset,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { clientInput, clientPatch } from '../../domain/clients/schemas.ts';
import { messageFor } from '../../domain/messages.ts';
import { api } from '../api.ts';
import { hasRole, isMemberOnly, useActor } from '../auth/session.tsx';
import { currentLanguage, useT } from '../i18n/index.ts';
import type { Activity, Client } from '../types.ts';
import { countryOptions } from '../ui/format.ts';
import { changedFields, FormError, orNull, useFormSubmit, zodErrors } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { RemoteSelect } from '../ui/remote-select.tsx';
import { Loading, NotFound, QueryError } from '../ui/states.tsx';
import { clientKey, mayEditClient, useClient } from './client-page.tsx';

type Kind = 'company' | 'association' | 'individual';
type ContactValues = { name: string; role: string; email: string; phone: string };
type Values = {
  kind: Kind;
  name: string;
  siren: string;
  siret: string;
  vatNumber: string;
  publicSector: boolean;
  email: string;
  phone: string;
  addressLine: string;
  postalCode: string;
  city: string;
  country: string;
  notes: string;
  contacts: ContactValues[];
  activityId: string;
};

const emptyContact: ContactValues = { name: '', role: '', email: '', phone: '' };

function bodyOf(v: Values, editing: boolean) {
  const company = v.kind !== 'individual';
  const body: Record<string, unknown> = {
    kind: v.kind,
    name: v.name.trim(),
    siren: company ? orNull(v.siren) : null,
    siret: company ? orNull(v.siret) : null,
    vatNumber: company ? orNull(v.vatNumber) : null,
    publicSector: company && v.publicSector,
    email: orNull(v.email),
    phone: orNull(v.phone),
    addressLine: v.addressLine.trim(),
    postalCode: v.postalCode.trim(),
    city: v.city.trim(),
    country: v.country,
    notes: v.notes.trim(),
  };
  if (editing) return body;
  return {
    ...body,
    contacts: v.contacts.map((c) => ({
      name: c.name.trim(),
      role: c.role.trim(),
      email: orNull(c.email),
      phone: orNull(c.phone),
    })),
    ...(v.activityId ? { activityId: v.activityId } : {}),
  };
}

const emptyValues: Values = {
  kind: 'company',
  name: '',
  siren: '',
  siret: '',
  vatNumber: '',
  publicSector: false,
  email: '',
  phone: '',
  addressLine: '',
  postalCode: '',
  city: '',
  country: 'FR',
  notes: '',
  contacts: [],
  activityId: '',
};

const valuesOf = (c: Client): Values => ({
  kind: c.kind,
  name: c.name,
  siren: c.siren ?? '',
  siret: c.siret ?? '',
  vatNumber: c.vatNumber ?? '',
  publicSector: c.publicSector,
  email: c.email ?? '',
  phone: c.phone ?? '',
  addressLine: c.addressLine,
  postalCode: c.postalCode,
  city: c.city,
  country: c.country,
  notes: c.notes,
  contacts: [],
  activityId: '',
});

export function NewClientPage() {
  const [params] = useSearchParams();
  const activityId = params.get('activityId');
  const activity = useQuery({
    queryKey: ['activity', activityId],
    queryFn: () => api.get<Activity>(`/api/v1/activities/${activityId}`),
    enabled: Boolean(activityId),
  });
  if (activityId && activity.isPending) return <Loading />;
  return <ClientForm activity={activity.data ?? null} />;
}

export function EditClientPage() {
  const { id = '' } = useParams();
  const actor = useActor();
  const client = useClient(id);
  if (client.isPending) return <Loading />;
  if (client.isError) return <QueryError error={client.error} onRetry={() => client.refetch()} />;
  if (!mayEditClient(actor, client.data)) return <NotFound />;
  return <ClientForm client={client.data} key={client.data.updatedAt} />;
}

function ClientForm({ client, activity }: { client?: Client; activity?: Activity | null }) {
  const { t, lang } = useT();
  const actor = useActor();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const editing = Boolean(client);
  const seesAll = hasRole(actor, 'admin', 'accountant');
  const initial: Values = client ? valuesOf(client) : { ...emptyValues, activityId: activity?.id ?? '' };
  const initialBody = client ? bodyOf(initial, true) : null;

  const form = useForm<Values>({
    initialValues: initial,
    validate: (v) => {
      const errors = zodErrors(editing ? clientPatch : clientInput, bodyOf(v, editing), currentLanguage());
      // A private person is visible only through an activity: members link them at once.
      if (!editing && v.kind === 'individual' && !v.activityId && !seesAll && !errors.activityId)
        errors.activityId = messageFor('required', currentLanguage());
      return errors;
    },
  });

  const submit = useFormSubmit(form, {
    mutationFn: async (v: Values) => {
      const body = bodyOf(v, editing);
      if (!client) return api.post<Client>('/api/v1/clients', body);
      const patch = changedFields(initialBody ?? {}, body);
      if (Object.keys(patch).length === 0) return client;
      return api.patch<Client>(`/api/v1/clients/${client.id}`, patch);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
      void queryClient.invalidateQueries({ queryKey: ['activity'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      notifications.show({
        color: 'commune',
        message: client ? t('common.saved') : t('clients.created', { name: saved.name }),
      });
      navigate(`/clients/${saved.id}`);
    },
  });

  const v = form.getValues();
  const company = v.kind !== 'individual';
  const nameLabel =
    v.kind === 'company'
      ? t('clients.nameCompany')
      : v.kind === 'association'
        ? t('clients.nameAssociation')
        : t('clients.nameIndividual');
  const back = client
    ? { to: `/clients/${client.id}`, label: client.name }
    : activity
      ? { to: `/activities/${activity.id}`, label: activity.name }
      : { to: '/clients', label: isMemberOnly(actor) ? t('clients.titleMine') : t('clients.title') };

  return (
    <>
      <PageHeader
        title={client ? t('clients.editTitle') : t('clients.new')}
        subtitle={client?.name}
        back={back}
      />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="lg" maw={860}>
          <FormError message={submit.error} />
          <Fieldset legend={t('clients.identity')}>
            <Stack gap="md">
              <Radio.Group label={t('clients.kind')} required {...form.getInputProps('kind')}>
                <Group gap="lg" mt={6}>
                  <Radio value="company" label={t('clients.kinds.company')} />
                  <Radio value="association" label={t('clients.kinds.association')} />
                  <Radio value="individual" label={t('clients.kinds.individual')} />
                </Group>
              </Radio.Group>
              <TextInput label={nameLabel} required maxLength={160} {...form.getInputProps('name')} />
              {company ? (
                <>
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
                    <TextInput
                      label={t('clients.siren')}
                      description={t('clients.sirenHelp')}
                      inputMode="numeric"
                      spellCheck={false}
                      {...form.getInputProps('siren')}
                    />
                    <TextInput
                      label={t('clients.siret')}
                      description={t('clients.siretHelp')}
                      inputMode="numeric"
                      spellCheck={false}
                      {...form.getInputProps('siret')}
                    />
                    <TextInput
                      label={t('clients.vatNumber')}
                      description="FR12345678901"
                      spellCheck={false}
                      {...form.getInputProps('vatNumber')}
                    />
                  </SimpleGrid>
                  <Switch
                    label={t('clients.publicSector')}
                    description={t('clients.publicSectorHelp')}
                    {...form.getInputProps('publicSector', { type: 'checkbox' })}
                  />
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('clients.individualHidden')}
                </Text>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('members.contact')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t('common.addressLine')}
                required
                autoComplete="street-address"
                {...form.getInputProps('addressLine')}
                style={{ gridColumn: '1 / -1' }}
              />
              <TextInput label={t('common.postalCode')} required {...form.getInputProps('postalCode')} />
              <TextInput label={t('common.city')} required {...form.getInputProps('city')} />
              <Select
                label={t('common.country')}
                data={countryOptions(lang)}
                searchable
                allowDeselect={false}
                {...form.getInputProps('country')}
              />
              <div />
              <TextInput label={t('common.email')} type="email" {...form.getInputProps('email')} />
              <TextInput label={t('common.phone')} type="tel" {...form.getInputProps('phone')} />
              <Textarea
                label={t('common.notes')}
                autosize
                minRows={2}
                maxLength={2000}
                {...form.getInputProps('notes')}
                style={{ gridColumn: '1 / -1' }}
              />
            </SimpleGrid>
          </Fieldset>

          {!editing && (
            <Fieldset legend={t('clients.contacts')}>
              <Stack gap="md">
                {v.contacts.map((_, index) => (
                  <Fieldset
                    // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no id before they are saved
                    key={index}
                    legend={t('clients.contactN', { n: index + 1 })}
                    variant="filled"
                  >
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <TextInput
                        label={t('clients.contactName')}
                        required
                        {...form.getInputProps(`contacts.${index}.name`)}
                      />
                      <TextInput
                        label={t('clients.contactRole')}
                        {...form.getInputProps(`contacts.${index}.role`)}
                      />
                      <TextInput
                        label={t('clients.contactEmail')}
                        type="email"
                        {...form.getInputProps(`contacts.${index}.email`)}
                      />
                      <TextInput
                        label={t('clients.contactPhone')}
                        type="tel"
                        {...form.getInputProps(`contacts.${index}.phone`)}
                      />
                    </SimpleGrid>
                    <Button
                      mt="sm"
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => form.removeListItem('contacts', index)}
                      aria-label={`${t('common.remove')} — ${t('clients.contactN', { n: index + 1 })}`}
                    >
                      {t('common.remove')}
                    </Button>
                  </Fieldset>
                ))}
                <Button
                  variant="light"
                  size="sm"
                  w="fit-content"
                  onClick={() => form.insertListItem('contacts', { ...emptyContact })}
                >
                  {t('clients.addContact')}
                </Button>
              </Stack>
            </Fieldset>
          )}

          {!editing && (
            <Fieldset legend={t('clients.linkToActivity')}>
              <RemoteSelect<Activity>
                label={t('clients.activityToLink')}
                placeholder={t('activities.searchPlaceholder')}
                description={
                  v.kind === 'individual' && !seesAll
                    ? t('clients.linkRequiredIndividual')
                    : t('clients.linkToActivityHelp')
                }
                path="/api/v1/activities"
                query={{
                  status: 'open',
                  ...(isMemberOnly(actor) && actor.memberId ? { memberId: actor.memberId } : {}),
                }}
                toOption={(a) => ({ value: a.id, label: `${a.name} (${a.entity.code})` })}
                known={
                  activity
                    ? { value: activity.id, label: `${activity.name} (${activity.entity.code})` }
                    : null
                }
                value={v.activityId || null}
                onChange={(value) => form.setFieldValue('activityId', value ?? '')}
                error={form.errors.activityId}
                required={v.kind === 'individual' && !seesAll}
              />
            </Fieldset>
          )}

          <Group gap="sm">
            <Button type="submit" loading={submit.pending}>
              {client ? t('common.save') : t('common.create')}
            </Button>
            <Button variant="default" onClick={() => navigate(back.to)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
