// Filing a new member (staff) and editing a member's file. Staff change every field; the member
// changes only their contact details, bank account and trades (the server enforces the same).
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { can } from '../../domain/access.ts';
import { memberInput, memberPatch } from '../../domain/members/schemas.ts';
import { messageFor } from '../../domain/messages.ts';
import { api } from '../api.ts';
import { hasRole, useActor } from '../auth/session.tsx';
import { currentLanguage, useT } from '../i18n/index.ts';
import { officeOptions, useOffices } from '../queries.ts';
import type { Member } from '../types.ts';
import { countryOptions } from '../ui/format.ts';
import { changedFields, FormError, orNull, useFormSubmit, zodErrors } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Loading, NotFound, QueryError } from '../ui/states.tsx';
import { memberKey, useMember } from './member-page.tsx';

type Values = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  addressLine: string;
  postalCode: string;
  city: string;
  country: string;
  birthDate: string;
  sex: string;
  nir: string;
  iban: string;
  bic: string;
  trades: string[];
  officeId: string;
  status: 'prospect' | 'member';
  invite: boolean;
};

/** The fields a member may change on their own file (as the server's `selfEditable`). */
const selfEditable = new Set([
  'phone',
  'addressLine',
  'postalCode',
  'city',
  'country',
  'iban',
  'bic',
  'trades',
]);

const emptyValues: Values = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  addressLine: '',
  postalCode: '',
  city: '',
  country: 'FR',
  birthDate: '',
  sex: '',
  nir: '',
  iban: '',
  bic: '',
  trades: [],
  officeId: '',
  status: 'prospect',
  invite: false,
};

const valuesOf = (m: Member): Values => ({
  firstName: m.firstName,
  lastName: m.lastName,
  email: m.email,
  phone: m.phone ?? '',
  addressLine: m.addressLine ?? '',
  postalCode: m.postalCode ?? '',
  city: m.city ?? '',
  country: m.country,
  birthDate: m.birthDate ?? '',
  sex: m.sex ?? '',
  // Masked values are not values: the field starts empty and an empty field keeps what is stored.
  nir: m.sensitiveVisible ? (m.nir ?? '') : '',
  iban: m.sensitiveVisible ? (m.iban ?? '') : '',
  bic: m.bic ?? '',
  trades: m.trades,
  officeId: m.officeId ?? '',
  status: 'prospect',
  invite: false,
});

/** The request body of the form, for creating (all fields) or editing (`member` given). */
function bodyOf(v: Values, member?: Member) {
  const body: Record<string, unknown> = {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    email: v.email.trim(),
    phone: orNull(v.phone),
    addressLine: orNull(v.addressLine),
    postalCode: orNull(v.postalCode),
    city: orNull(v.city),
    country: v.country,
    birthDate: orNull(v.birthDate),
    sex: v.sex === 'F' || v.sex === 'M' ? v.sex : null,
    nir: orNull(v.nir),
    iban: orNull(v.iban),
    bic: orNull(v.bic),
    trades: v.trades.map((x) => x.trim()).filter(Boolean),
    officeId: v.officeId || null,
  };
  if (!member) return { ...body, status: v.status, invite: v.invite };
  if (!member.sensitiveVisible) {
    if (!v.nir.trim()) delete body.nir;
    if (!v.iban.trim()) delete body.iban;
  }
  return body;
}

export function NewMemberPage() {
  const actor = useActor();
  if (!can(actor, 'member.create')) return <NotFound />;
  return <MemberForm />;
}

export function EditMemberPage() {
  const { id = '' } = useParams();
  const member = useMember(id);
  if (member.isPending) return <Loading />;
  if (member.isError) return <QueryError error={member.error} onRetry={() => member.refetch()} />;
  return <MemberForm member={member.data} key={member.data.updatedAt} />;
}

function MemberForm({ member }: { member?: Member }) {
  const { t, lang } = useT();
  const actor = useActor();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const offices = useOffices();
  const isAdmin = hasRole(actor, 'admin');
  const resource = member ? { kind: 'member' as const, id: member.id, officeId: member.officeId } : null;
  // Staff edit everything; the member only their contact, bank and trades.
  const staff = resource ? can(actor, 'member.updateStatus', resource) : true;
  const mayEdit = (field: string) => staff || selfEditable.has(field);
  const myOffices = isAdmin
    ? offices.data
    : (offices.data ?? []).filter((o) => actor.officeIds.includes(o.id) || o.id === member?.officeId);

  const initial = member
    ? valuesOf(member)
    : {
        ...emptyValues,
        officeId: !isAdmin && actor.officeIds.length === 1 ? (actor.officeIds[0] ?? '') : '',
      };
  const initialBody = member ? bodyOf(initial, member) : null;

  const form = useForm<Values>({
    initialValues: initial,
    validate: (v) => {
      const errors = zodErrors(member ? memberPatch : memberInput, bodyOf(v, member), currentLanguage());
      // An adviser files a member into one of their offices.
      if (!member && !isAdmin && !v.officeId && !errors.officeId)
        errors.officeId = messageFor('required', currentLanguage());
      return errors;
    },
  });

  const submit = useFormSubmit(form, {
    mutationFn: async (v: Values) => {
      const body = bodyOf(v, member);
      if (!member) return api.post<Member>('/api/v1/members', body);
      const patch = changedFields(initialBody ?? {}, body);
      if (Object.keys(patch).length === 0) return member;
      return api.patch<Member>(`/api/v1/members/${member.id}`, patch);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(memberKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['members'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      notifications.show({
        color: 'commune',
        message: member
          ? t('common.saved')
          : t('members.created', { name: `${saved.firstName} ${saved.lastName}` }),
      });
      navigate(`/members/${saved.id}`);
    },
  });

  // What the member may not change stays readable (read-only, not greyed out) with who changes it.
  const input = (field: keyof Values) => ({
    ...form.getInputProps(field),
    ...(mayEdit(field)
      ? {}
      : {
          readOnly: true,
          required: false,
          variant: 'filled' as const,
          description: t('members.readOnlyField'),
        }),
  });
  const maskedHelp = (value: string | null | undefined) =>
    member && !member.sensitiveVisible && value ? t('members.maskedHelp', { value }) : undefined;

  const title = member ? t('members.editTitle') : t('members.new');
  const back = member
    ? { to: `/members/${member.id}`, label: `${member.firstName} ${member.lastName}` }
    : { to: '/members', label: t('members.title') };

  if (member && !can(actor, 'member.update', resource ?? undefined)) return <NotFound />;
  if (!offices.data && offices.isPending) return <Loading />;

  return (
    <>
      <PageHeader
        title={title}
        subtitle={member ? `${member.firstName} ${member.lastName}` : undefined}
        back={back}
      />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="lg" maw={860}>
          {!staff && (
            <Alert color="commune" variant="light">
              {t('members.selfEditNotice')}
            </Alert>
          )}
          <FormError message={submit.error} />
          <Fieldset legend={t('members.identity')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t('members.firstName')}
                required
                autoComplete="given-name"
                {...input('firstName')}
              />
              <TextInput
                label={t('members.lastName')}
                required
                autoComplete="family-name"
                {...input('lastName')}
              />
              <TextInput label={t('members.birthDate')} type="date" {...input('birthDate')} />
              <Select
                label={t('members.sex')}
                clearable
                data={[
                  { value: 'F', label: t('members.sexF') },
                  { value: 'M', label: t('members.sexM') },
                ]}
                {...input('sex')}
                value={form.getValues().sex || null}
                onChange={(v) => form.setFieldValue('sex', v ?? '')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('members.contact')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t('common.email')}
                type="email"
                required
                autoComplete="email"
                {...input('email')}
              />
              <TextInput label={t('common.phone')} type="tel" autoComplete="tel" {...input('phone')} />
              <TextInput
                label={t('common.addressLine')}
                autoComplete="street-address"
                {...input('addressLine')}
                style={{ gridColumn: '1 / -1' }}
              />
              <TextInput label={t('common.postalCode')} autoComplete="postal-code" {...input('postalCode')} />
              <TextInput label={t('common.city')} autoComplete="address-level2" {...input('city')} />
              <Select
                label={t('common.country')}
                data={countryOptions(lang)}
                searchable
                allowDeselect={false}
                {...input('country')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('members.payroll')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t('members.nir')}
                autoComplete="off"
                spellCheck={false}
                {...input('nir')}
                description={
                  !mayEdit('nir')
                    ? t('members.readOnlyField')
                    : (maskedHelp(member?.nir) ?? t('members.nirHelp'))
                }
              />
              <div />
              <TextInput
                label={t('members.iban')}
                autoComplete="off"
                spellCheck={false}
                {...input('iban')}
                description={maskedHelp(member?.iban)}
              />
              <TextInput label={t('members.bic')} autoComplete="off" spellCheck={false} {...input('bic')} />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('members.cooperative')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TagsInput
                label={t('members.trades')}
                maxTags={12}
                clearable
                {...input('trades')}
                description={mayEdit('trades') ? t('members.tradesHelp') : t('members.readOnlyField')}
                style={{ gridColumn: '1 / -1' }}
              />
              <Select
                label={t('members.office')}
                data={officeOptions(myOffices)}
                searchable
                clearable={isAdmin}
                required={!isAdmin}
                {...input('officeId')}
                value={form.getValues().officeId || null}
                onChange={(v) => form.setFieldValue('officeId', v ?? '')}
              />
              {!member && (
                <Radio.Group label={t('members.initialStatus')} {...form.getInputProps('status')}>
                  <Group gap="lg" mt={6}>
                    <Radio value="prospect" label={t('status.prospect')} />
                    <Radio value="member" label={t('status.member')} />
                  </Group>
                </Radio.Group>
              )}
              {!member && (
                <Checkbox
                  label={t('members.inviteOnCreate')}
                  {...form.getInputProps('invite', { type: 'checkbox' })}
                  style={{ gridColumn: '1 / -1' }}
                />
              )}
            </SimpleGrid>
          </Fieldset>

          <Group gap="sm">
            <Button type="submit" loading={submit.pending}>
              {member ? t('common.save') : t('common.create')}
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
