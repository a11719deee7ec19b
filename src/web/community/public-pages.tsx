// The public page of an office (no account): its upcoming events open to prospects and the public,
// each with a short form (name, e-mail); the page the e-mailed confirmation link opens; and the page
// of the link that frees a prospect's place.
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Container,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { type ProspectInput, type PublicEventView, prospectInput } from '../../domain/community/schemas.ts';
import { api } from '../api.ts';
import { useMe } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { FormError, useErrorMessage, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { Brand, LanguageSwitch } from '../ui/layout.tsx';
import { Loading, NotFound, QueryError } from '../ui/states.tsx';
import { formatWhen, kindColor } from './shared.tsx';

type PublicOffice = {
  code: string;
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
  events: PublicEventView[];
};

function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useT();
  const me = useMe();
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" pb="xl">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="sm">
          <Group justify="space-between">
            <Anchor component={Link} to="/" underline="never" aria-label="Commune">
              <Brand />
            </Anchor>
            <Group gap="md">
              <Anchor component={Link} to="/annuaire" size="sm" fw={600}>
                {t('directory.publicNav')}
              </Anchor>
              <LanguageSwitch />
              {!me.data && (
                <Button component={Link} to="/sign-in" variant="light" size="xs">
                  {t('community.signIn')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="md" pt="lg" component="main">
        {children}
      </Container>
    </Box>
  );
}

function ProspectForm({ e }: { e: PublicEventView }) {
  const { t } = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<ProspectInput>({
    mode: 'controlled',
    initialValues: { name: '', email: '' },
    validate: validateWith(prospectInput, (v: ProspectInput) => v),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (body: ProspectInput) => api.post(`/api/v1/public/events/${e.id}/registrations`, body),
    onSuccess: (_r, body) => setSentTo(body.email),
  });
  if (sentTo)
    return (
      <Alert color="green" role="status">
        {t('community.checkEmail', { email: sentTo })}
      </Alert>
    );
  return (
    <form
      onSubmit={submit.onSubmit}
      noValidate
      aria-label={`${t('community.sendRegistration')} — ${e.title}`}
    >
      <Stack gap="xs">
        {e.full && (
          <Text size="sm" c="dimmed">
            {t('community.fullPublic')}
          </Text>
        )}
        <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput
            label={t('community.yourName')}
            required
            autoComplete="name"
            {...form.getInputProps('name')}
            miw={180}
          />
          <TextInput
            label={t('community.yourEmail')}
            type="email"
            required
            autoComplete="email"
            {...form.getInputProps('email')}
            miw={220}
          />
        </Group>
        <FormError message={submit.error} />
        <Button type="submit" loading={submit.pending} w="fit-content">
          {t('community.sendRegistration')}
        </Button>
      </Stack>
    </form>
  );
}

export function PublicOfficePage() {
  const { code = '' } = useParams();
  const { t, lang } = useT();
  const office = useQuery({
    queryKey: ['public-office', code],
    queryFn: () => api.get<PublicOffice>(`/api/v1/public/offices/${encodeURIComponent(code)}`),
    retry: false,
  });
  useDocumentTitle(office.data ? t('community.publicTitle', { office: office.data.name }) : 'Commune');
  if (office.isPending) return <Loading />;
  if (office.isError)
    return (
      <PublicFrame>
        {(office.error as { status?: number }).status === 404 ? (
          <NotFound />
        ) : (
          <QueryError error={office.error} />
        )}
      </PublicFrame>
    );
  const o = office.data;
  return (
    <PublicFrame>
      <Stack gap={6} mb="lg">
        <Title order={1} fz={{ base: 24, sm: 30 }}>
          {t('community.publicTitle', { office: o.name })}
        </Title>
        <Text c="dimmed" size="sm">
          {o.addressLine}, {o.postalCode} {o.city}
        </Text>
        <Text maw={680}>{t('community.publicIntro')}</Text>
      </Stack>
      {o.events.length === 0 ? (
        <Text c="dimmed">{t('community.publicNoEvents')}</Text>
      ) : (
        <Stack gap="md">
          {o.events.map((e) => (
            <Card
              key={e.id}
              withBorder
              radius="md"
              padding="lg"
              component="article"
              aria-labelledby={`pe-${e.id}`}
            >
              <Stack gap="xs">
                <Group gap={6}>
                  <Badge color={kindColor[e.kind]} variant="light">
                    {t(`community.kinds.${e.kind}`)}
                  </Badge>
                  {e.full && <Badge color="gray">{t('community.full')}</Badge>}
                </Group>
                <Title order={2} fz="lg" id={`pe-${e.id}`}>
                  {e.title}
                </Title>
                <Text size="sm" fw={500}>
                  {formatWhen(e, lang)}
                </Text>
                <Text size="sm" c="dimmed">
                  {e.place.kind === 'online' ? t('community.online') : e.place.label}
                </Text>
                {e.description && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {e.description}
                  </Text>
                )}
                <ProspectForm e={e} />
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
    </PublicFrame>
  );
}

type Confirmed = {
  status: 'registered' | 'waitlisted';
  waitlistPosition: number | null;
  event: PublicEventView;
};

export function ConfirmRegistrationPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const { t, lang } = useT();
  const messageOf = useErrorMessage();
  useDocumentTitle(`${t('community.confirmTitle')} · Commune`);
  const confirm = useMutation({
    mutationFn: (token: string) => api.post<Confirmed>('/api/v1/public/registrations/confirm', { token }),
  });
  // The link is opened once; React's development double effects must not send it twice.
  const sent = useRef(false);
  useEffect(() => {
    const token = params.get('token');
    if (token && !sent.current) {
      sent.current = true;
      confirm.mutate(token);
    }
  }, [params, confirm]);
  return (
    <PublicFrame>
      <Stack gap="md" maw={640}>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('community.confirmTitle')}
        </Title>
        {confirm.isPending || confirm.isIdle ? (
          <Text>{t('community.confirming')}</Text>
        ) : confirm.isError ? (
          <Alert color="red" role="alert">
            {messageOf(confirm.error)}
          </Alert>
        ) : (
          <Alert color="green" role="status">
            <Stack gap={4}>
              <Text>
                {confirm.data.status === 'registered'
                  ? t('community.confirmedRegistered', { title: confirm.data.event.title })
                  : t('community.confirmedWaitlisted', {
                      title: confirm.data.event.title,
                      position: confirm.data.waitlistPosition ?? '?',
                    })}
              </Text>
              <Text size="sm">{formatWhen(confirm.data.event, lang)}</Text>
            </Stack>
          </Alert>
        )}
        <Anchor component={Link} to={`/agences/${encodeURIComponent(code)}`}>
          {t('community.backToOffice')}
        </Anchor>
      </Stack>
    </PublicFrame>
  );
}

type Cancelled = { status: 'cancelled'; event: PublicEventView };

/**
 * The link of a prospect's e-mails to give up their place. It asks before acting: mail scanners open
 * links on their own, and must not unregister anyone.
 */
export function CancelRegistrationPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const { t, lang } = useT();
  const messageOf = useErrorMessage();
  useDocumentTitle(`${t('community.cancelTitle')} · Commune`);
  const registrationId = params.get('registration') ?? '';
  const token = params.get('token') ?? '';
  const cancel = useMutation({
    mutationFn: () => api.post<Cancelled>('/api/v1/public/registrations/cancel', { registrationId, token }),
  });
  return (
    <PublicFrame>
      <Stack gap="md" maw={640}>
        <Title order={1} fz={{ base: 24, sm: 28 }}>
          {t('community.cancelTitle')}
        </Title>
        {!registrationId || !token ? (
          <Alert color="red" role="alert">
            {t('community.cancelLinkBroken')}
          </Alert>
        ) : cancel.isSuccess ? (
          <Alert color="green" role="status">
            <Stack gap={4}>
              <Text>{t('community.cancelled', { title: cancel.data.event.title })}</Text>
              <Text size="sm">{formatWhen(cancel.data.event, lang)}</Text>
            </Stack>
          </Alert>
        ) : (
          <>
            <Text>{t('community.cancelText')}</Text>
            {cancel.isError && (
              <Alert color="red" role="alert">
                {messageOf(cancel.error)}
              </Alert>
            )}
            <Button color="red" w="fit-content" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('community.cancelButton')}
            </Button>
          </>
        )}
        <Anchor component={Link} to={`/agences/${encodeURIComponent(code)}`}>
          {t('community.backToOffice')}
        </Anchor>
      </Stack>
    </PublicFrame>
  );
}
