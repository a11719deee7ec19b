// Local offices (admin): list, create, edit.
import { Anchor, Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../../domain/access.ts';
import { officeInput } from '../../domain/organisation/schemas.ts';
import { api } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { useOffices } from '../queries.ts';
import type { Office } from '../types.ts';
import { type Column, LocalTable } from '../ui/data-table.tsx';
import { changedFields, FormError, orNull, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

export function OfficesPage() {
  const { t } = useT();
  const actor = useActor();
  const offices = useOffices();
  if (!can(actor, 'office.manage')) return <NotFound />;
  const address = (o: Office) =>
    [o.addressLine, [o.postalCode, o.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const columns: Column<Office>[] = [
    {
      key: 'name',
      header: t('offices.name'),
      sort: 'name',
      sortValue: (o) => o.name,
      render: (o) => (
        <Anchor component={Link} to={`/admin/offices/${o.id}`} fw={500}>
          {o.name}
        </Anchor>
      ),
    },
    {
      key: 'code',
      header: t('offices.code'),
      sort: 'code',
      sortValue: (o) => o.code,
      render: (o) => (
        <Text span ff="monospace" size="sm">
          {o.code}
        </Text>
      ),
      wide: true,
    },
    { key: 'address', header: t('common.address'), render: address, wide: true },
    { key: 'city', header: t('common.city'), sort: 'city', sortValue: (o) => o.city, render: (o) => o.city },
    { key: 'email', header: t('common.email'), render: (o) => o.email ?? '—', wide: true },
    {
      key: 'phone',
      header: t('common.phone'),
      render: (o) => <span style={{ whiteSpace: 'nowrap' }}>{o.phone ?? '—'}</span>,
      wide: true,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('offices.title')}
        actions={
          <Button component={Link} to="/admin/offices/new">
            {t('offices.new')}
          </Button>
        }
      />
      {offices.isPending ? (
        <Loading />
      ) : offices.isError ? (
        <QueryError error={offices.error} onRetry={() => offices.refetch()} />
      ) : (
        <LocalTable
          rows={offices.data}
          columns={columns}
          rowKey={(o) => o.id}
          label={t('offices.title')}
          searchLabel={t('offices.searchLabel')}
          searchPlaceholder={t('offices.searchPlaceholder')}
          searchText={(o) => [o.name, o.code, address(o), o.email ?? ''].join(' ')}
          defaultSort="name"
          empty={<Empty>{t('offices.empty')}</Empty>}
        />
      )}
    </>
  );
}

type Values = {
  code: string;
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
  email: string;
  phone: string;
};

const bodyOf = (v: Values) => ({
  code: v.code.trim(),
  name: v.name.trim(),
  addressLine: v.addressLine.trim(),
  postalCode: v.postalCode.trim(),
  city: v.city.trim(),
  email: orNull(v.email),
  phone: orNull(v.phone),
});

const valuesOf = (o?: Office): Values => ({
  code: o?.code ?? '',
  name: o?.name ?? '',
  addressLine: o?.addressLine ?? '',
  postalCode: o?.postalCode ?? '',
  city: o?.city ?? '',
  email: o?.email ?? '',
  phone: o?.phone ?? '',
});

export function OfficeFormPage() {
  const { id } = useParams();
  const actor = useActor();
  const offices = useOffices();
  if (!can(actor, 'office.manage')) return <NotFound />;
  if (id && offices.isPending) return <Loading />;
  if (id && offices.isError) return <QueryError error={offices.error} onRetry={() => offices.refetch()} />;
  const office = id ? offices.data?.find((o) => o.id === id) : undefined;
  if (id && !office) return <NotFound />;
  return <OfficeForm office={office} key={office?.id ?? 'new'} />;
}

function OfficeForm({ office }: { office?: Office }) {
  const { t } = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initial = valuesOf(office);
  const form = useForm<Values, ReturnType<typeof bodyOf>>({
    initialValues: initial,
    validate: validateWith(office ? officeInput.partial() : officeInput, bodyOf),
    transformValues: bodyOf,
  });
  const submit = useFormSubmit(form, {
    mutationFn: (body) =>
      office
        ? api.patch<Office>(`/api/v1/offices/${office.id}`, changedFields(bodyOf(initial), body))
        : api.post<Office>('/api/v1/offices', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['offices'] });
      notifications.show({ color: 'commune', message: office ? t('common.saved') : t('offices.created') });
      navigate('/admin/offices');
    },
  });
  return (
    <>
      <PageHeader
        title={office ? t('offices.editTitle') : t('offices.new')}
        subtitle={office?.name}
        back={{ to: '/admin/offices', label: t('offices.title') }}
      />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md" maw={720}>
          <FormError message={submit.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('offices.name')} required {...form.getInputProps('name')} />
            <TextInput
              label={t('offices.code')}
              description={t('offices.codeHelp')}
              required
              {...form.getInputProps('code')}
            />
            <TextInput
              label={t('common.addressLine')}
              {...form.getInputProps('addressLine')}
              style={{ gridColumn: '1 / -1' }}
            />
            <TextInput label={t('common.postalCode')} {...form.getInputProps('postalCode')} />
            <TextInput label={t('common.city')} required {...form.getInputProps('city')} />
            <TextInput label={t('common.email')} type="email" {...form.getInputProps('email')} />
            <TextInput label={t('common.phone')} type="tel" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit" loading={submit.pending}>
              {office ? t('common.save') : t('common.create')}
            </Button>
            <Button variant="default" onClick={() => navigate('/admin/offices')}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
