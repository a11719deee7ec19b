// A member's inbox of clients' requests: read one, answer it (the cooperative relays the message
// without the member's address), or answer with a quote (the client is made from the request and a
// draft quote of one of the member's activities opens in the sales module).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type InboxItemView,
  quoteFromRequestInput,
  type RecipientStatus,
  replyInput,
} from '../../domain/directory/schemas.ts';
import { api, type Page } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { FormError, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Empty, Loading, QueryError } from '../ui/states.tsx';

const statusColor: Record<RecipientStatus, string> = {
  new: 'blue',
  read: 'gray',
  answered: 'green',
  declined: 'gray',
};

const dateOf = (iso: string, lang: string) =>
  new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

export function InboxPage() {
  const { t, lang } = useT();
  const inbox = useQuery({
    queryKey: ['directory', 'inbox'],
    queryFn: () => api.get<{ items: InboxItemView[]; unread: number }>('/api/v1/directory/inbox'),
  });
  return (
    <>
      <PageHeader
        title={t('directory.inbox')}
        subtitle={t('directory.inboxIntro')}
        back={{ to: '/directory', label: t('directory.title') }}
      />
      {inbox.isPending ? (
        <Loading />
      ) : inbox.isError ? (
        <QueryError error={inbox.error} onRetry={() => inbox.refetch()} />
      ) : inbox.data.items.length === 0 ? (
        <Empty>{t('directory.inboxEmpty')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('directory.received')}</Table.Th>
                <Table.Th>{t('directory.from')}</Table.Th>
                <Table.Th>{t('directory.subject')}</Table.Th>
                <Table.Th>{t('directory.statusLabel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inbox.data.items.map((r) => (
                <Table.Tr key={r.id} fw={r.status === 'new' ? 600 : undefined}>
                  <Table.Td>{dateOf(r.createdAt, lang)}</Table.Td>
                  <Table.Td>
                    {r.requesterName}
                    {r.organisation && (
                      <Text size="xs" c="dimmed">
                        {r.organisation}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/directory/inbox/${r.id}`}>
                      {r.subject}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[r.status]} variant="light">
                      {t(`directory.status.${r.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

function ReplyForm({ item }: { item: InboxItemView }) {
  const { t } = useT();
  const client = useQueryClient();
  const form = useForm<{ message: string }>({
    mode: 'controlled',
    initialValues: { message: '' },
    validate: validateWith(replyInput, (v: { message: string }) => v),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (v: { message: string }) =>
      api.post<InboxItemView>(`/api/v1/directory/inbox/${item.id}/replies`, v),
    onSuccess: (after) => {
      client.setQueryData(['directory', 'inbox', item.id], after);
      void client.invalidateQueries({ queryKey: ['directory', 'inbox'], exact: true });
      form.reset();
      notifications.show({ color: 'green', message: t('directory.replySent', { name: item.requesterName }) });
    },
  });
  return (
    <form onSubmit={submit.onSubmit} noValidate aria-label={t('directory.reply')}>
      <Stack gap="sm">
        <Textarea
          label={t('directory.yourReply')}
          description={t('directory.replyHint')}
          autosize
          minRows={4}
          required
          {...form.getInputProps('message')}
        />
        <FormError message={submit.error} />
        <Button type="submit" loading={submit.pending} w="fit-content">
          {t('directory.sendReply')}
        </Button>
      </Stack>
    </form>
  );
}

type Activity = { id: string; name: string; status: string };
type QuoteValues = {
  activityId: string | null;
  kind: 'company' | 'association' | 'individual';
  name: string;
  addressLine: string;
  postalCode: string;
  city: string;
};

const quoteBody = (v: QuoteValues, existingClientId: string | null) => ({
  activityId: v.activityId ?? '',
  ...(existingClientId
    ? { clientId: existingClientId }
    : {
        client: {
          kind: v.kind,
          name: v.name,
          addressLine: v.addressLine,
          postalCode: v.postalCode,
          city: v.city,
          country: 'FR',
        },
      }),
});

function QuoteModal({
  item,
  opened,
  onClose,
}: {
  item: InboxItemView;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useT();
  const navigate = useNavigate();
  const activities = useQuery({
    queryKey: ['activities', 'mine-open'],
    queryFn: () => api.get<Page<Activity>>('/api/v1/activities', { status: 'open', limit: 200 }),
    enabled: opened,
  });
  const form = useForm<QuoteValues>({
    mode: 'controlled',
    initialValues: {
      activityId: null,
      kind: item.organisation ? 'association' : 'individual',
      name: item.organisation ?? item.requesterName,
      addressLine: '',
      postalCode: '',
      city: item.city ?? '',
    },
    validate: validateWith(quoteFromRequestInput, (v: QuoteValues) => quoteBody(v, item.clientId)),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (v: QuoteValues) =>
      api.post<{ quoteId: string; clientId: string }>(
        `/api/v1/directory/inbox/${item.id}/quote`,
        quoteBody(v, item.clientId),
      ),
    onSuccess: (r) => navigate(`/sales/quotes/${r.quoteId}/edit`),
  });
  const options = (activities.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  return (
    <Modal opened={opened} onClose={onClose} title={t('directory.quoteTitle')} size="lg" centered>
      <form onSubmit={submit.onSubmit} noValidate aria-label={t('directory.quoteTitle')}>
        <Stack gap="sm">
          <Text size="sm">{t('directory.quoteIntro')}</Text>
          <Select
            label={t('directory.quoteActivity')}
            data={options}
            required
            searchable
            {...form.getInputProps('activityId')}
          />
          {item.clientId ? (
            <Text size="sm">{t('directory.quoteExistingClient')}</Text>
          ) : (
            <>
              <Select
                label={t('directory.clientKind')}
                data={(['company', 'association', 'individual'] as const).map((k) => ({
                  value: k,
                  label: t(`directory.clientKinds.${k}`),
                }))}
                allowDeselect={false}
                {...form.getInputProps('kind')}
              />
              <TextInput label={t('directory.clientName')} required {...form.getInputProps('name')} />
              <TextInput label={t('directory.addressLine')} required {...form.getInputProps('addressLine')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('directory.postalCode')} required {...form.getInputProps('postalCode')} />
                <TextInput label={t('directory.city')} required {...form.getInputProps('city')} />
              </SimpleGrid>
            </>
          )}
          <FormError message={submit.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={submit.pending}>
              {t('directory.openQuote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function InboxItemPage() {
  const { id = '' } = useParams();
  const { t, lang } = useT();
  const client = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const item = useQuery({
    queryKey: ['directory', 'inbox', id],
    queryFn: async () => {
      const r = await api.get<InboxItemView>(`/api/v1/directory/inbox/${id}`);
      // Opening it marked it read: the list and its counter follow.
      void client.invalidateQueries({ queryKey: ['directory', 'inbox'], exact: true });
      return r;
    },
  });
  if (item.isPending) return <Loading />;
  if (item.isError) return <QueryError error={item.error} onRetry={() => item.refetch()} />;
  const r = item.data;
  return (
    <>
      <PageHeader
        title={r.subject}
        back={{ to: '/directory/inbox', label: t('directory.inbox') }}
        badges={
          <Badge color={statusColor[r.status]} variant="light">
            {t(`directory.status.${r.status}`)}
          </Badge>
        }
        subtitle={t('directory.receivedOn', { date: dateOf(r.createdAt, lang), reference: r.reference })}
        actions={
          r.quoteId ? (
            <Button component={Link} to={`/sales/quotes/${r.quoteId}/edit`}>
              {t('directory.openDraftQuote')}
            </Button>
          ) : (
            <Button onClick={open}>{t('directory.answerWithQuote')}</Button>
          )
        }
      />
      <Stack gap="lg">
        <Card withBorder radius="md" padding="lg">
          <Stack gap="xs">
            <Group gap="xl" wrap="wrap">
              <div>
                <Text size="xs" c="dimmed">
                  {t('directory.from')}
                </Text>
                <Text fw={600}>{r.requesterName}</Text>
                {r.organisation && <Text size="sm">{r.organisation}</Text>}
              </div>
              <div>
                <Text size="xs" c="dimmed">
                  {t('directory.contact')}
                </Text>
                <Text size="sm">{r.requesterEmail}</Text>
                {r.phone && <Text size="sm">{r.phone}</Text>}
              </div>
              {r.city && (
                <div>
                  <Text size="xs" c="dimmed">
                    {t('directory.city')}
                  </Text>
                  <Text size="sm">{r.city}</Text>
                </div>
              )}
            </Group>
            <Text style={{ whiteSpace: 'pre-wrap' }} mt="sm">
              {r.message}
            </Text>
            {r.recipientCount > 1 && (
              <Text size="xs" c="dimmed">
                {t('directory.alsoSentTo', { count: r.recipientCount - 1 })}
              </Text>
            )}
          </Stack>
        </Card>
        {r.replies.length > 0 && (
          <Section title={t('directory.yourReplies')}>
            <Stack gap="sm">
              {r.replies.map((x) => (
                <Alert key={x.id} color="green" variant="light" title={dateOf(x.createdAt, lang)}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {x.message}
                  </Text>
                </Alert>
              ))}
            </Stack>
          </Section>
        )}
        <Section title={t('directory.reply')}>
          <ReplyForm item={r} />
        </Section>
      </Stack>
      <QuoteModal item={r} opened={opened} onClose={close} />
    </>
  );
}
