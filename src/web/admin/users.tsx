// Sign-in accounts and roles (admin): list, open an account (with a password, or an invitation
// e-mail), change name, roles and an adviser's offices.
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { can, roles } from '../../domain/access.ts';
import { userInput, userPatch } from '../../domain/users/schemas.ts';
import { api } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { officeOptions, useOffices } from '../queries.ts';
import type { User } from '../types.ts';
import { RoleBadges } from '../ui/badges.tsx';
import { type Column, DataTable } from '../ui/data-table.tsx';
import { changedFields, FormError, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

export function UsersPage() {
  const { t } = useT();
  const actor = useActor();
  const offices = useOffices();
  if (!can(actor, 'user.manage')) return <NotFound />;
  const officeName = new Map((offices.data ?? []).map((o) => [o.id, o.name]));
  const columns: Column<User>[] = [
    {
      key: 'name',
      header: t('users.name'),
      sort: 'name',
      render: (u) => (
        <>
          <Anchor component={Link} to={`/admin/users/${u.id}`} fw={500}>
            {u.name}
          </Anchor>
          {/* On a phone, where the e-mail column is hidden. */}
          <Text size="xs" c="dimmed" hiddenFrom="md" style={{ overflowWrap: 'anywhere' }}>
            {u.email}
          </Text>
        </>
      ),
    },
    { key: 'email', header: t('users.email'), sort: 'email', render: (u) => u.email, wide: true },
    { key: 'roles', header: t('users.roles'), render: (u) => <RoleBadges roles={u.roles ?? []} /> },
    {
      key: 'offices',
      header: t('users.offices'),
      render: (u) =>
        (u.officeIds ?? [])
          .map((id) => officeName.get(id) ?? '')
          .filter(Boolean)
          .join(', ') || '—',
      wide: true,
    },
    {
      key: 'member',
      header: t('users.member'),
      render: (u) =>
        u.memberId ? (
          <Anchor component={Link} to={`/members/${u.memberId}`} size="sm">
            {t('members.profile')}
          </Anchor>
        ) : (
          '—'
        ),
      wide: true,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('users.title')}
        actions={
          <Button component={Link} to="/admin/users/new">
            {t('users.new')}
          </Button>
        }
      />
      <DataTable
        queryKey={['users', 'list']}
        path="/api/v1/users"
        columns={columns}
        rowKey={(u) => u.id}
        label={t('users.title')}
        searchLabel={t('users.searchLabel')}
        searchPlaceholder={t('users.searchPlaceholder')}
        defaultSort="name"
        empty={<Empty>{t('users.empty')}</Empty>}
      />
    </>
  );
}

type Values = { name: string; email: string; roles: string[]; officeIds: string[]; password: string };

const createBody = (v: Values) => ({
  name: v.name.trim(),
  email: v.email.trim(),
  roles: v.roles,
  officeIds: v.officeIds,
  ...(v.password ? { password: v.password } : {}),
});
const patchBody = (v: Values) => ({ name: v.name.trim(), roles: v.roles, officeIds: v.officeIds });

export function UserFormPage() {
  const { id } = useParams();
  const actor = useActor();
  const user = useQuery({
    queryKey: ['user', id],
    queryFn: () => api.get<User>(`/api/v1/users/${id}`),
    enabled: Boolean(id),
  });
  if (!can(actor, 'user.manage')) return <NotFound />;
  if (id && user.isPending) return <Loading />;
  if (id && user.isError) return <QueryError error={user.error} onRetry={() => user.refetch()} />;
  return <UserForm user={user.data} key={user.data?.id ?? 'new'} />;
}

function UserForm({ user }: { user?: User }) {
  const { t } = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const offices = useOffices();
  const initial: Values = {
    name: user?.name ?? '',
    email: user?.email ?? '',
    roles: [...(user?.roles ?? [])],
    officeIds: [...(user?.officeIds ?? [])],
    password: '',
  };
  const bodyOf = user ? patchBody : createBody;
  const form = useForm<Values>({
    initialValues: initial,
    validate: validateWith(user ? userPatch : userInput, bodyOf),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (v: Values) =>
      user
        ? api.patch<User>(`/api/v1/users/${user.id}`, changedFields(patchBody(initial), patchBody(v)))
        : api.post<User>('/api/v1/users', createBody(v)),
    onSuccess: (saved, v) => {
      queryClient.setQueryData(['user', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
      notifications.show({
        color: 'commune',
        message: user
          ? t('common.saved')
          : v.password
            ? t('users.created')
            : t('users.createdInvited', { email: saved.email }),
      });
      navigate('/admin/users');
    },
  });
  const isAdviser = form.getValues().roles.includes('adviser');
  return (
    <>
      <PageHeader
        title={user ? t('users.editTitle') : t('users.new')}
        subtitle={user ? `${user.name} · ${user.email}` : undefined}
        back={{ to: '/admin/users', label: t('users.title') }}
      />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md" maw={720}>
          <FormError message={submit.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('users.name')} required autoComplete="off" {...form.getInputProps('name')} />
            <TextInput
              label={t('users.email')}
              type="email"
              required
              autoComplete="off"
              disabled={Boolean(user)}
              {...form.getInputProps('email')}
            />
          </SimpleGrid>
          <Checkbox.Group label={t('users.roles')} {...form.getInputProps('roles')}>
            <Group gap="lg" mt={6}>
              {roles.map((r) => (
                <Checkbox key={r} value={r} label={t(`roles.${r}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <MultiSelect
            label={t('users.offices')}
            description={t('users.officesHelp')}
            data={officeOptions(offices.data)}
            searchable
            clearable
            disabled={!isAdviser && form.getValues().officeIds.length === 0}
            {...form.getInputProps('officeIds')}
          />
          {!user && (
            <PasswordInput
              label={t('users.password')}
              description={t('users.passwordHelp')}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          )}
          {user?.memberId && (
            <Text size="sm">
              <Anchor component={Link} to={`/members/${user.memberId}`}>
                {t('users.member')}
              </Anchor>
            </Text>
          )}
          <Group gap="sm">
            <Button type="submit" loading={submit.pending}>
              {user ? t('common.save') : t('common.create')}
            </Button>
            <Button variant="default" onClick={() => navigate('/admin/users')}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
