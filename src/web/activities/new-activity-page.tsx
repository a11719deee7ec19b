// Opening an activity: a member for themselves; an adviser or admin for members they follow.
import { Alert, Button, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { can } from '../../domain/access.ts';
import { activityInput } from '../../domain/activities/schemas.ts';
import { messageFor } from '../../domain/messages.ts';
import { api } from '../api.ts';
import { hasRole, useActor } from '../auth/session.tsx';
import { currentLanguage, useT } from '../i18n/index.ts';
import { entityOptions, useEntities } from '../queries.ts';
import type { Activity, Member, MemberSummary } from '../types.ts';
import { formatRate, withColon } from '../ui/format.ts';
import { FormError, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader } from '../ui/page.tsx';
import { RemoteMultiSelect } from '../ui/remote-select.tsx';
import { Loading, NotFound } from '../ui/states.tsx';
import { activityKey } from './activity-page.tsx';

type Values = { entityId: string; name: string; trade: string; description: string; memberIds: string[] };
const bodyOf = (v: Values) => ({
  entityId: v.entityId,
  name: v.name.trim(),
  trade: v.trade.trim(),
  description: v.description.trim(),
  memberIds: v.memberIds,
});

export function NewActivityPage() {
  const actor = useActor();
  const [params] = useSearchParams();
  const presetId = params.get('memberId');
  const preset = useQuery({
    queryKey: ['member', presetId],
    queryFn: () => api.get<Member>(`/api/v1/members/${presetId}`),
    enabled: Boolean(presetId),
  });
  if (!can(actor, 'activity.create')) return <NotFound />;
  if (presetId && preset.isPending) return <Loading />;
  return <ActivityForm preset={preset.data ?? null} />;
}

function ActivityForm({ preset }: { preset: Member | null }) {
  const { t, lang } = useT();
  const actor = useActor();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const entities = useEntities();
  // Staff pick the members; a member opens the activity for themselves.
  const staff = hasRole(actor, 'admin', 'adviser');
  const form = useForm<Values, ReturnType<typeof bodyOf>>({
    initialValues: {
      entityId: '',
      name: '',
      trade: preset?.trades[0] ?? '',
      description: '',
      memberIds: preset ? [preset.id] : [],
    },
    validate: (v) => {
      const errors = validateWith(activityInput, bodyOf)(v);
      // Staff who are not members themselves name the member(s) of the activity.
      if (staff && actor.memberId === null && v.memberIds.length === 0)
        errors.memberIds = messageFor('required', currentLanguage());
      return errors;
    },
    transformValues: bodyOf,
  });
  const submit = useFormSubmit(form, {
    mutationFn: (body) => api.post<Activity>('/api/v1/activities', body),
    onSuccess: (created) => {
      queryClient.setQueryData(activityKey(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['activities'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      notifications.show({ color: 'commune', message: t('activities.created', { name: created.name }) });
      navigate(`/activities/${created.id}`);
    },
  });
  const chosen = entities.data?.find((e) => e.id === form.getValues().entityId);
  const back = preset
    ? { to: `/members/${preset.id}`, label: `${preset.firstName} ${preset.lastName}` }
    : { to: '/activities', label: staff ? t('activities.title') : t('activities.titleMine') };

  return (
    <>
      <PageHeader title={t('activities.new')} back={back} />
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md" maw={640}>
          <Alert variant="light" color="commune">
            {t('activities.createIntro')}
          </Alert>
          <FormError message={submit.error} />
          <Select
            label={t('activities.entity')}
            placeholder={t('activities.pickEntity')}
            required
            data={entityOptions(entities.data)}
            description={
              chosen
                ? `${withColon(t('activities.feeRate'), lang)} ${formatRate(chosen.feeRateBp, lang)}`
                : undefined
            }
            {...form.getInputProps('entityId')}
            value={form.getValues().entityId || null}
            onChange={(v) => form.setFieldValue('entityId', v ?? '')}
          />
          <TextInput label={t('activities.name')} required maxLength={120} {...form.getInputProps('name')} />
          <TextInput label={t('activities.trade')} maxLength={60} {...form.getInputProps('trade')} />
          <Textarea
            label={t('activities.description')}
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps('description')}
          />
          {staff && (
            <RemoteMultiSelect<MemberSummary>
              label={t('activities.pickMembers')}
              description={t('activities.pickMembersHelp')}
              placeholder={t('members.searchPlaceholder')}
              path="/api/v1/members"
              toOption={(m) => ({ value: m.id, label: `${m.firstName} ${m.lastName} (${m.number})` })}
              known={
                preset
                  ? [{ value: preset.id, label: `${preset.firstName} ${preset.lastName} (${preset.number})` }]
                  : []
              }
              required={actor.memberId === null}
              value={form.getValues().memberIds}
              onChange={(v) => form.setFieldValue('memberIds', v)}
              error={form.errors.memberIds}
            />
          )}
          <Group gap="sm">
            <Button type="submit" loading={submit.pending}>
              {t('common.create')}
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
