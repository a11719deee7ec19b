// Declaring an invoice irrecoverable from the collection page (accountants, admins): after
// litigation, with the reason; the guarantee fund then absorbs the loss (ADR 0016).
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { WriteOffView } from '../../domain/guarantee/schemas.ts';
import { request } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { formatMoney } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';

export function IrrecoverableButton({
  documentId,
  number,
  outstandingCents,
}: {
  documentId: string;
  number: string;
  outstandingCents: number;
}) {
  const { t, lang } = useT();
  const message = useErrorMessage();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const declare = useMutation({
    mutationFn: () =>
      request<WriteOffView>(`/api/v1/collection/invoices/${documentId}/irrecoverable`, {
        method: 'POST',
        body: { reason },
        idempotencyKey: `irrecoverable-${documentId}`,
      }),
    onSuccess: (r) => {
      notifications.show({
        color: 'teal',
        message: t('guarantee.irrecoverableDone', {
          amount: formatMoney(r.fromCoversCents + r.extraCents, lang),
        }),
      });
      setOpened(false);
      void queryClient.invalidateQueries({ queryKey: ['collection'] });
      void queryClient.invalidateQueries({ queryKey: ['guarantee-fund'] });
    },
  });
  return (
    <>
      <Button size="xs" color="red" variant="light" onClick={() => setOpened(true)} style={{ flexShrink: 0 }}>
        {t('guarantee.irrecoverable')}
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={t('guarantee.irrecoverableTitle', { number })}
        centered
      >
        <Stack gap="md">
          <Text size="sm">
            {t('guarantee.irrecoverableText', { amount: formatMoney(outstandingCents, lang) })}
          </Text>
          <Textarea
            label={t('guarantee.irrecoverableReason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            required
          />
          <FormError message={declare.isError ? message(declare.error) : null} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              onClick={() => declare.mutate()}
              loading={declare.isPending}
              disabled={reason.trim().length < 3}
            >
              {t('guarantee.irrecoverable')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
