// One quote, invoice or credit note: status, lines and totals, related documents, history, and the
// actions its status and the reader's rights allow (send, issue, validate, accept, invoice, credit).
import {
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { SalesDocumentView } from '../../domain/invoicing/schemas.ts';
import type { VatCategoryKey } from '../../domain/invoicing/vat.ts';
import { api, request } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { ConfirmButton } from '../ui/confirm.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { PageHeader, Section } from '../ui/page.tsx';
import { Loading, QueryError } from '../ui/states.tsx';
import { TotalsTable } from './editor-page.tsx';
import { collectionOf, Downloads, documentPath, key, SalesStatusBadge, useMoney } from './shared.tsx';

type Doc = SalesDocumentView;

export function SalesDocumentPage() {
  const { id, collection } = useParams();
  const doc = useQuery({
    queryKey: ['sales', 'document', id],
    queryFn: () => api.get<Doc>(`/api/v1/${collection}/${id}`),
  });
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <QueryError error={doc.error} onRetry={() => doc.refetch()} />;
  return <DocumentView doc={doc.data} />;
}

function DocumentView({ doc }: { doc: Doc }) {
  const { t, lang } = useT();
  const money = useMoney();
  const title = `${t(key(`sales.kinds.${doc.kind}`))} ${doc.number ?? ''}`.trim();
  const totals = {
    groups: doc.vatBreakdown.map((g) => ({ ...g, key: g.key as VatCategoryKey })),
    totalExclVatCents: doc.totalExclVatCents,
    totalVatCents: doc.totalVatCents,
    totalInclVatCents: doc.totalInclVatCents,
  };
  return (
    <>
      <PageHeader
        title={doc.number ? title : `${t(key(`sales.kinds.${doc.kind}`))} — ${t('sales.draftNoNumber')}`}
        back={{ to: `/sales/${collectionOf(doc.kind)}`, label: t('sales.title') }}
        badges={<SalesStatusBadge status={doc.status} />}
        subtitle={doc.subject || undefined}
      />
      <Stack gap="md">
        <Actions doc={doc} />
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Fact label={t('sales.client')}>
              <Anchor component={Link} to={`/clients/${doc.client.id}`}>
                {doc.client.name}
              </Anchor>
            </Fact>
            <Fact label={t('sales.activity')}>
              <Anchor component={Link} to={`/activities/${doc.activity.id}`}>
                {doc.activity.name}
              </Anchor>
            </Fact>
            <Fact label={t('sales.date')}>{doc.issueDate ? formatDate(doc.issueDate, lang) : '—'}</Fact>
            {doc.kind === 'quote' ? (
              <Fact label={t('sales.validUntil')}>{formatDate(doc.validUntil, lang)}</Fact>
            ) : (
              doc.kind !== 'credit_note' && (
                <Fact label={t('sales.due')}>{doc.dueDate ? formatDate(doc.dueDate, lang) : '—'}</Fact>
              )
            )}
            {doc.quote && (
              <Fact label={t('sales.kinds.quote')}>
                <Anchor component={Link} to={documentPath({ id: doc.quote.id, kind: 'quote' })}>
                  {t('sales.fromQuote', { number: doc.quote.number ?? '' })}
                </Anchor>
              </Fact>
            )}
            {doc.invoice && (
              <Fact label={t('sales.kinds.invoice')}>
                <Anchor component={Link} to={documentPath({ id: doc.invoice.id, kind: 'invoice' })}>
                  {t('sales.onInvoice', { number: doc.invoice.number ?? '' })}
                </Anchor>
              </Fact>
            )}
          </SimpleGrid>
          {doc.acceptance && (
            <Text mt="sm" size="sm" c={doc.acceptance.decision === 'accept' ? 'teal' : 'red'}>
              {t(doc.acceptance.decision === 'accept' ? 'sales.acceptedBy' : 'sales.refusedBy', {
                name: doc.acceptance.name,
                date: formatDateTime(doc.acceptance.at, lang),
              })}
            </Text>
          )}
          {doc.validation && (
            <Text mt="sm" size="sm" c="dimmed">
              {t('sales.validationAsked', {
                name: doc.validation.requestedBy,
                comment: doc.validation.comment || '—',
              })}
              {doc.validation.decision &&
                ` · ${t('sales.validationDecided', { comment: doc.validation.decisionComment || t(key(`sales.events.${doc.validation.decision === 'approved' ? 'validated' : 'validation_refused'}`)) })}`}
            </Text>
          )}
        </Card>

        <Section title={t('sales.lines')}>
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sales.designation')}</Table.Th>
                  <Table.Th ta="right">{t('sales.quantity')}</Table.Th>
                  <Table.Th ta="right">{t('sales.unitPrice')}</Table.Th>
                  <Table.Th>{t('sales.vatCategory')}</Table.Th>
                  <Table.Th ta="right">{t('sales.net')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {doc.lines.map((l) => (
                  <Table.Tr key={l.position}>
                    <Table.Td>{l.designation}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {l.quantity.toLocaleString(lang)} {t(key(`sales.units.${l.unitCode}`))}
                    </Table.Td>
                    <Table.Td ta="right">{money(l.unitPriceCents)}</Table.Td>
                    <Table.Td>{t(key(`sales.vatCategories.${l.vatCategory}`))}</Table.Td>
                    <Table.Td ta="right">{money(l.netCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TotalsTable totals={totals} prepaidCents={doc.prepaidCents} />
        </Section>

        {doc.related.length > 0 && (
          <Section title={t('sales.related')}>
            <Stack gap={4}>
              {doc.related.map((r) => (
                <Group key={r.id} gap="sm">
                  <Anchor component={Link} to={documentPath(r)}>
                    {t(key(`sales.kinds.${r.kind}`))} {r.number ?? t('sales.draftNoNumber')}
                  </Anchor>
                  <SalesStatusBadge status={r.status} />
                  <Text size="sm">{money(r.totalInclVatCents)}</Text>
                </Group>
              ))}
            </Stack>
          </Section>
        )}

        <Section title={t('sales.history')}>
          <Timeline bulletSize={12} lineWidth={2}>
            {doc.events.map((e) => (
              <Timeline.Item key={`${e.at}-${e.kind}`} title={t(key(`sales.events.${e.kind}`))}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.at, lang)}
                  {e.by ? ` · ${t('sales.by', { name: e.by })}` : ''}
                  {typeof e.detail.number === 'string' ? ` · ${e.detail.number}` : ''}
                  {typeof e.detail.to === 'string' ? ` · ${e.detail.to}` : ''}
                  {typeof e.detail.comment === 'string' ? ` · « ${e.detail.comment} »` : ''}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        </Section>
      </Stack>
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function useAct(doc: Doc) {
  const { t } = useT();
  const messageOf = useErrorMessage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async ({ run }: { action: string; run: () => Promise<Doc | null> }) => run(),
    onSuccess: (result, { action }) => {
      void queryClient.invalidateQueries({ queryKey: ['sales'] });
      void queryClient.invalidateQueries({ queryKey: ['home'] });
      notifications.show({ color: 'commune', message: t(key(`sales.done.${action}`)) });
      if (result && result.id !== doc.id) navigate(documentPath(result));
      if (!result) navigate(`/sales/${collectionOf(doc.kind)}`);
    },
    onError: (e) => notifications.show({ color: 'red', message: messageOf(e) }),
  });
}

const newKey = () => crypto.randomUUID();

function Actions({ doc }: { doc: Doc }) {
  const { t } = useT();
  const act = useAct(doc);
  const base = `/api/v1/${collectionOf(doc.kind)}/${doc.id}`;
  const has = (a: string) => doc.actions.includes(a);
  const run = (action: string, fn: () => Promise<Doc | null>) => act.mutate({ action, run: fn });
  return (
    <Group gap="sm" wrap="wrap">
      {has('edit') && (
        <Button component={Link} to={`/sales/${collectionOf(doc.kind)}/${doc.id}/edit`} variant="default">
          {t('sales.actions.edit')}
        </Button>
      )}
      {has('issue') && (
        <Button
          loading={act.isPending}
          onClick={() =>
            run('issue', () =>
              request<Doc>(`${base}/issue`, { method: 'POST', body: {}, idempotencyKey: newKey() }),
            )
          }
        >
          {t('sales.actions.issue')}
        </Button>
      )}
      {has('requestValidation') && (
        <CommentAction
          label={t('sales.actions.requestValidation')}
          onSubmit={(comment) =>
            run('requestValidation', () => api.post<Doc>(`${base}/validation-request`, { comment }))
          }
        />
      )}
      {has('validate') && (
        <>
          <CommentAction
            label={t('sales.actions.validate')}
            onSubmit={(comment) =>
              run('validate', () =>
                request<Doc>(`${base}/validation`, {
                  method: 'POST',
                  body: { decision: 'approve', comment },
                  idempotencyKey: newKey(),
                }),
              )
            }
          />
          <CommentAction
            label={t('sales.actions.refuseValidation')}
            variant="default"
            onSubmit={(comment) =>
              run('refuseValidation', () =>
                api.post<Doc>(`${base}/validation`, { decision: 'refuse', comment }),
              )
            }
          />
        </>
      )}
      {has('send') && (
        <SendAction doc={doc} onSend={(body) => run('send', () => api.post<Doc>(`${base}/send`, body))} />
      )}
      {has('accept') && (
        <Button
          variant="light"
          color="teal"
          onClick={() => run('accept', () => api.post<Doc>(`${base}/decision`, { decision: 'accepted' }))}
        >
          {t('sales.actions.accept')}
        </Button>
      )}
      {has('refuse') && (
        <Button
          variant="light"
          color="red"
          onClick={() => run('refuse', () => api.post<Doc>(`${base}/decision`, { decision: 'refused' }))}
        >
          {t('sales.actions.refuse')}
        </Button>
      )}
      {has('convert') && (
        <ConvertAction
          onConvert={(body) =>
            run('convert', () =>
              request<Doc>(`${base}/invoices`, { method: 'POST', body, idempotencyKey: newKey() }),
            )
          }
        />
      )}
      {has('creditNote') && (
        <CreditAction
          doc={doc}
          onCredit={(body) =>
            run('creditNote', () =>
              request<Doc>('/api/v1/credit-notes', { method: 'POST', body, idempotencyKey: newKey() }),
            )
          }
        />
      )}
      {has('duplicate') && (
        <Button variant="default" onClick={() => run('duplicate', () => api.post<Doc>(`${base}/duplicate`))}>
          {t('sales.actions.duplicate')}
        </Button>
      )}
      {has('delete') && (
        <ConfirmButton
          color="red"
          variant="subtle"
          title={t('sales.actions.delete')}
          message={t('sales.deleteConfirm')}
          onConfirm={() =>
            run('delete', async () => {
              await api.delete(base);
              return null;
            })
          }
        >
          {t('sales.actions.delete')}
        </ConfirmButton>
      )}
      <Downloads doc={doc} />
    </Group>
  );
}

function ModalAction({
  label,
  variant,
  children,
}: {
  label: string;
  variant?: string;
  children: (close: () => void) => ReactNode;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant={variant ?? 'filled'} onClick={open}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={label} centered>
        {children(close)}
      </Modal>
    </>
  );
}

function CommentAction({
  label,
  variant,
  onSubmit,
}: {
  label: string;
  variant?: string;
  onSubmit: (c: string) => void;
}) {
  const { t } = useT();
  const [comment, setComment] = useState('');
  return (
    <ModalAction label={label} {...(variant ? { variant } : {})}>
      {(close) => (
        <Stack>
          <Textarea
            label={t('sales.comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Button
            onClick={() => {
              onSubmit(comment);
              close();
            }}
          >
            {label}
          </Button>
        </Stack>
      )}
    </ModalAction>
  );
}

function SendAction({ doc, onSend }: { doc: Doc; onSend: (body: { to?: string; message: string }) => void }) {
  const { t } = useT();
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  return (
    <ModalAction label={t('sales.actions.send')} variant="light">
      {(close) => (
        <Stack>
          <TextInput
            type="email"
            label={t('sales.sendTo')}
            placeholder={doc.client.name}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <Textarea
            label={t('sales.sendMessage')}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Button
            onClick={() => {
              onSend({ ...(to.trim() ? { to: to.trim() } : {}), message });
              close();
            }}
          >
            {t('sales.actions.send')}
          </Button>
        </Stack>
      )}
    </ModalAction>
  );
}

function ConvertAction({
  onConvert,
}: {
  onConvert: (body: { mode: string; depositRateBp?: number }) => void;
}) {
  const { t } = useT();
  const [mode, setMode] = useState('whole');
  const [percent, setPercent] = useState<number | string>(30);
  return (
    <ModalAction label={t('sales.actions.convert')}>
      {(close) => (
        <Stack>
          <SegmentedControl
            value={mode}
            onChange={setMode}
            data={[
              { value: 'whole', label: t('sales.convertWhole') },
              { value: 'deposit', label: t('sales.convertDeposit') },
              { value: 'balance', label: t('sales.convertBalance') },
            ]}
            orientation="vertical"
          />
          {mode === 'deposit' && (
            <NumberInput
              label={t('sales.depositPercent')}
              min={1}
              max={99}
              value={percent}
              onChange={setPercent}
            />
          )}
          <Button
            onClick={() => {
              onConvert(
                mode === 'deposit' ? { mode, depositRateBp: Math.round(Number(percent) * 100) } : { mode },
              );
              close();
            }}
          >
            {t('sales.convertTitle')}
          </Button>
        </Stack>
      )}
    </ModalAction>
  );
}

function CreditAction({ doc, onCredit }: { doc: Doc; onCredit: (body: unknown) => void }) {
  const { t } = useT();
  const [reason, setReason] = useState('');
  const [how, setHow] = useState('half');
  const [error, setError] = useState<string | null>(null);
  const main = doc.vatBreakdown[0];
  return (
    <ModalAction label={t('sales.actions.creditNote')} variant="light">
      {(close) => (
        <Stack>
          <TextInput
            label={t('sales.creditReason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <SegmentedControl
            value={how}
            onChange={setHow}
            data={[
              { value: 'half', label: t('sales.creditHalf') },
              { value: 'all', label: t('sales.creditAll') },
            ]}
          />
          <FormError message={error} />
          <Button
            onClick={() => {
              if (!reason.trim()) return setError(t('sales.creditReason'));
              // Half of the invoice: half of each VAT category's base, as one line per category.
              const lines =
                how === 'half'
                  ? doc.vatBreakdown.map((g) => ({
                      designation: `${reason.trim()} (50 %)`,
                      quantity: 1,
                      unitCode: 'LS',
                      unitPriceCents: Math.floor(g.baseCents / 2),
                      vatCategory: g.key,
                    }))
                  : undefined;
              onCredit({ invoiceId: doc.id, reason: reason.trim(), ...(lines && main ? { lines } : {}) });
              close();
            }}
          >
            {t('sales.creditTitle')}
          </Button>
        </Stack>
      )}
    </ModalAction>
  );
}
