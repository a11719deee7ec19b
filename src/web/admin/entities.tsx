// The group's legal entities (admin): list, create, edit, with their cooperative fee rate.
import {
  Anchor,
  Button,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { can } from '../../domain/access.ts';
import { entityInput, entityPatch } from '../../domain/organisation/schemas.ts';
import { api } from '../api.ts';
import { useActor } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { useEntities } from '../queries.ts';
import type { Entity } from '../types.ts';
import { type Column, LocalTable } from '../ui/data-table.tsx';
import {
  bpToPercent,
  centsToEuros,
  countryOptions,
  eurosToCents,
  formatMoney,
  formatRate,
  percentToBp,
} from '../ui/format.ts';
import { changedFields, FormError, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { Empty, Loading, NotFound, QueryError } from '../ui/states.tsx';

const kinds = ['scic', 'cae', 'portage', 'other'] as const;

export function EntitiesPage() {
  const { t, lang } = useT();
  const actor = useActor();
  const entities = useEntities();
  if (!can(actor, 'entity.manage')) return <NotFound />;
  const columns: Column<Entity>[] = [
    {
      key: 'name',
      header: t('entities.name'),
      sort: 'name',
      sortValue: (e) => e.name,
      render: (e) => (
        <>
          <Anchor component={Link} to={`/admin/entities/${e.id}`} fw={500}>
            {e.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {e.legalForm}
          </Text>
        </>
      ),
    },
    {
      key: 'code',
      header: t('entities.code'),
      sort: 'code',
      sortValue: (e) => e.code,
      render: (e) => (
        <Text span ff="monospace" size="sm">
          {e.code}
        </Text>
      ),
      wide: true,
    },
    { key: 'kind', header: t('entities.kind'), render: (e) => t(`entities.kinds.${e.kind}`), wide: true },
    {
      key: 'siren',
      header: t('entities.siren'),
      render: (e) => (
        <Text span ff="monospace" size="sm">
          {e.siren}
        </Text>
      ),
      wide: true,
    },
    { key: 'city', header: t('common.city'), sort: 'city', sortValue: (e) => e.city, render: (e) => e.city },
    {
      key: 'capital',
      header: t('entities.shareCapital'),
      sort: 'capital',
      sortValue: (e) => e.shareCapitalCents,
      render: (e) => formatMoney(e.shareCapitalCents, lang),
      align: 'right',
      wide: true,
    },
    {
      key: 'fee',
      header: t('activities.feeRate'),
      sort: 'fee',
      sortValue: (e) => e.feeRateBp,
      render: (e) => formatRate(e.feeRateBp, lang),
      align: 'right',
    },
  ];
  return (
    <>
      <PageHeader
        title={t('entities.title')}
        actions={
          <Button component={Link} to="/admin/entities/new">
            {t('entities.new')}
          </Button>
        }
      />
      {entities.isPending ? (
        <Loading />
      ) : entities.isError ? (
        <QueryError error={entities.error} onRetry={() => entities.refetch()} />
      ) : (
        <LocalTable
          rows={entities.data}
          columns={columns}
          rowKey={(e) => e.id}
          label={t('entities.title')}
          searchLabel={t('entities.searchLabel')}
          searchPlaceholder={t('entities.searchPlaceholder')}
          searchText={(e) => [e.name, e.code, e.legalForm, e.siren, e.city].join(' ')}
          defaultSort="name"
          empty={<Empty>{t('entities.empty')}</Empty>}
        />
      )}
    </>
  );
}

type Values = {
  code: string;
  name: string;
  legalForm: string;
  kind: (typeof kinds)[number];
  siren: string;
  vatNumber: string;
  rcsCity: string;
  shareCapitalCents: number | string;
  addressLine: string;
  postalCode: string;
  city: string;
  country: string;
  feeRateBp: number | string;
};

const bodyOf = (v: Values) => ({
  code: v.code.trim().toUpperCase(),
  name: v.name.trim(),
  legalForm: v.legalForm.trim(),
  kind: v.kind,
  siren: v.siren.replace(/\s/g, ''),
  vatNumber: v.vatNumber.replace(/\s/g, '').toUpperCase(),
  rcsCity: v.rcsCity.trim(),
  shareCapitalCents: v.shareCapitalCents === '' ? undefined : eurosToCents(Number(v.shareCapitalCents)),
  addressLine: v.addressLine.trim(),
  postalCode: v.postalCode.trim(),
  city: v.city.trim(),
  country: v.country,
  feeRateBp: v.feeRateBp === '' ? undefined : percentToBp(Number(v.feeRateBp)),
});

const valuesOf = (e: Entity): Values => ({
  code: e.code,
  name: e.name,
  legalForm: e.legalForm,
  kind: e.kind,
  siren: e.siren,
  vatNumber: e.vatNumber,
  rcsCity: e.rcsCity,
  shareCapitalCents: centsToEuros(e.shareCapitalCents),
  addressLine: e.addressLine,
  postalCode: e.postalCode,
  city: e.city,
  country: e.country,
  feeRateBp: bpToPercent(e.feeRateBp),
});

const emptyValues: Values = {
  code: '',
  name: '',
  legalForm: '',
  kind: 'cae',
  siren: '',
  vatNumber: '',
  rcsCity: '',
  shareCapitalCents: '',
  addressLine: '',
  postalCode: '',
  city: '',
  country: 'FR',
  feeRateBp: '',
};

export function EntityFormPage() {
  const { id } = useParams();
  const actor = useActor();
  const entity = useQuery({
    queryKey: ['entity', id],
    queryFn: () => api.get<Entity>(`/api/v1/entities/${id}`),
    enabled: Boolean(id),
  });
  if (!can(actor, 'entity.manage')) return <NotFound />;
  if (id && entity.isPending) return <Loading />;
  if (id && entity.isError) return <QueryError error={entity.error} onRetry={() => entity.refetch()} />;
  return <EntityForm entity={entity.data} key={entity.data?.id ?? 'new'} />;
}

function EntityForm({ entity }: { entity?: Entity }) {
  const { t, lang } = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initial = entity ? valuesOf(entity) : emptyValues;
  const form = useForm<Values, ReturnType<typeof bodyOf>>({
    initialValues: initial,
    validate: validateWith(entity ? entityPatch : entityInput, bodyOf),
    transformValues: bodyOf,
  });
  const submit = useFormSubmit(form, {
    mutationFn: (body) =>
      entity
        ? api.patch<Entity>(`/api/v1/entities/${entity.id}`, changedFields(bodyOf(initial), body))
        : api.post<Entity>('/api/v1/entities', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['entity', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['entities'] });
      notifications.show({ color: 'commune', message: entity ? t('common.saved') : t('entities.created') });
      navigate('/admin/entities');
    },
  });
  const decimal = lang === 'fr' ? ',' : '.';
  const thousands = lang === 'fr' ? ' ' : ',';
  return (
    <>
      <PageHeader
        title={entity ? t('entities.editTitle') : t('entities.new')}
        subtitle={entity?.name}
        back={{ to: '/admin/entities', label: t('entities.title') }}
      />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md" maw={860}>
          <FormError message={submit.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={t('entities.name')} required {...form.getInputProps('name')} />
            <TextInput
              label={t('entities.code')}
              description={t('entities.codeHelp')}
              required
              {...form.getInputProps('code')}
            />
            <TextInput label={t('entities.legalForm')} required {...form.getInputProps('legalForm')} />
            <Select
              label={t('entities.kind')}
              required
              allowDeselect={false}
              data={kinds.map((k) => ({ value: k, label: t(`entities.kinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <TextInput
              label={t('entities.siren')}
              required
              inputMode="numeric"
              {...form.getInputProps('siren')}
            />
            <TextInput label={t('entities.vatNumber')} required {...form.getInputProps('vatNumber')} />
            <TextInput label={t('entities.rcsCity')} required {...form.getInputProps('rcsCity')} />
            <NumberInput
              label={t('entities.shareCapital')}
              required
              min={0}
              decimalScale={2}
              decimalSeparator={decimal}
              thousandSeparator={thousands}
              allowNegative={false}
              {...form.getInputProps('shareCapitalCents')}
            />
            <TextInput
              label={t('common.addressLine')}
              required
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
            <NumberInput
              label={t('entities.feeRate')}
              description={t('activities.feeRateHelp')}
              required
              min={0}
              max={100}
              step={0.5}
              decimalScale={2}
              decimalSeparator={decimal}
              allowNegative={false}
              {...form.getInputProps('feeRateBp')}
            />
          </SimpleGrid>
          <Group gap="sm">
            <Button type="submit" loading={submit.pending}>
              {entity ? t('common.save') : t('common.create')}
            </Button>
            <Button variant="default" onClick={() => navigate('/admin/entities')}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
