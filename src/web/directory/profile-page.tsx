// A member's own directory profile: the fields, then publishing with an explicit consent (the text
// shown beside the box), withdrawing at once, and the dated trail of consents.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { consentText } from '../../domain/directory/consent.ts';
import {
  type Availability,
  availabilities,
  type ProfileView,
  profileInput,
} from '../../domain/directory/schemas.ts';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { ConfirmButton } from '../ui/confirm.tsx';
import { FormError, useErrorMessage, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Loading, QueryError } from '../ui/states.tsx';
import { ConsentTrail } from './directory-page.tsx';

type Values = {
  trade: string;
  skills: string[];
  city: string;
  presentation: string;
  portfolioUrl: string;
  availability: Availability;
};

const toBody = (v: Values) => ({ ...v, portfolioUrl: v.portfolioUrl.trim() || null });

function ProfileForm({ p }: { p: ProfileView }) {
  const { t } = useT();
  const client = useQueryClient();
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      trade: p.trade,
      skills: p.skills,
      city: p.city,
      presentation: p.presentation,
      portfolioUrl: p.portfolioUrl ?? '',
      availability: p.availability,
    },
    validate: validateWith(profileInput, toBody),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (v: Values) => api.put<ProfileView>('/api/v1/directory/profile', toBody(v)),
    onSuccess: (after) => {
      client.setQueryData(['directory', 'my-profile'], after);
      void client.invalidateQueries({ queryKey: ['directory'] });
      notifications.show({
        color: 'green',
        message: after.published ? t('directory.savedPublished') : t('directory.savedPrivate'),
      });
    },
  });
  return (
    <form onSubmit={submit.onSubmit} noValidate aria-label={t('directory.profileForm')}>
      <Stack gap="sm">
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label={t('directory.trade')} required {...form.getInputProps('trade')} miw={220} />
          <TextInput label={t('directory.city')} required {...form.getInputProps('city')} miw={180} />
        </Group>
        <TagsInput
          label={t('directory.skills')}
          description={t('directory.skillsHint')}
          maxTags={15}
          {...form.getInputProps('skills')}
        />
        <Textarea
          label={t('directory.presentation')}
          autosize
          minRows={3}
          maxLength={1200}
          {...form.getInputProps('presentation')}
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('directory.portfolioUrl')}
            type="url"
            placeholder="https://"
            {...form.getInputProps('portfolioUrl')}
            miw={240}
          />
          <Select
            label={t('directory.availabilityLabel')}
            data={availabilities.map((a) => ({ value: a, label: t(`directory.availability.${a}`) }))}
            allowDeselect={false}
            {...form.getInputProps('availability')}
            miw={180}
          />
        </Group>
        <FormError message={submit.error} />
        <Button type="submit" loading={submit.pending} w="fit-content">
          {t('directory.saveProfile')}
        </Button>
      </Stack>
    </form>
  );
}

function Publication({ p }: { p: ProfileView }) {
  const { t, lang } = useT();
  const client = useQueryClient();
  const messageOf = useErrorMessage();
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = (after: ProfileView) => {
    client.setQueryData(['directory', 'my-profile'], after);
    void client.invalidateQueries({ queryKey: ['directory'] });
    setConsent(false);
    setError(null);
  };
  const publish = useMutation({
    mutationFn: () => api.post<ProfileView>('/api/v1/directory/profile/publish', { consent }),
    onSuccess: (after) => {
      done(after);
      notifications.show({ color: 'green', message: t('directory.publishedNotice') });
    },
    onError: (e) => setError(messageOf(e)),
  });
  const withdraw = useMutation({
    mutationFn: () => api.post<ProfileView>('/api/v1/directory/profile/withdraw'),
    onSuccess: (after) => {
      done(after);
      notifications.show({ color: 'green', message: t('directory.withdrawnNotice') });
    },
    onError: (e) => setError(messageOf(e)),
  });
  if (p.published)
    return (
      <Stack gap="sm">
        <Text size="sm">
          {t('directory.publishedSince', {
            date: new Date(p.consentAt ?? '').toLocaleDateString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
              dateStyle: 'long',
            }),
          })}
        </Text>
        <Group>
          <Button component={Link} to={`/annuaire/profils/${p.memberId}`} variant="light">
            {t('directory.seePublic')}
          </Button>
          <ConfirmButton
            color="red"
            variant="outline"
            title={t('directory.withdraw')}
            message={t('directory.withdrawConfirm')}
            confirmLabel={t('directory.withdraw')}
            onConfirm={() => withdraw.mutate()}
          >
            {t('directory.withdraw')}
          </ConfirmButton>
        </Group>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
      </Stack>
    );
  return (
    <Stack gap="sm">
      <Text size="sm">{p.exists ? t('directory.notPublished') : t('directory.saveFirst')}</Text>
      <Checkbox
        checked={consent}
        onChange={(e) => setConsent(e.currentTarget.checked)}
        label={consentText[lang === 'en' ? 'en' : 'fr']}
        disabled={!p.exists}
      />
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Button
        onClick={() => publish.mutate()}
        loading={publish.isPending}
        disabled={!p.exists}
        w="fit-content"
      >
        {t('directory.publish')}
      </Button>
    </Stack>
  );
}

export function MyDirectoryProfilePage() {
  const { t, lang } = useT();
  const profile = useQuery({
    queryKey: ['directory', 'my-profile'],
    queryFn: () => api.get<ProfileView>('/api/v1/directory/profile'),
  });
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <QueryError error={profile.error} onRetry={() => profile.refetch()} />;
  const p = profile.data;
  return (
    <>
      <PageHeader
        title={t('directory.myProfileTitle')}
        subtitle={t('directory.myProfileIntro')}
        back={{ to: '/directory', label: t('directory.title') }}
        badges={
          <Badge color={p.published ? 'green' : 'gray'} variant="light">
            {p.published ? t('directory.published') : t('directory.unpublished')}
          </Badge>
        }
      />
      <Stack gap="lg">
        <Section title={t('directory.profileSection')}>
          <ProfileForm key={p.exists ? 'saved' : 'new'} p={p} />
        </Section>
        <Section title={t('directory.publication')}>
          <Publication p={p} />
        </Section>
        {p.consents.length > 0 && (
          <Section title={t('directory.consentTrail')}>
            <ConsentTrail consents={p.consents} lang={lang} />
          </Section>
        )}
      </Stack>
    </>
  );
}
