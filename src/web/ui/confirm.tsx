// A button that asks before doing something that cannot be undone in one click.
import { Button, type ButtonProps, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  loading,
  'aria-label': ariaLabel,
  ...button
}: ButtonProps & {
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel?: string;
  onConfirm: () => Promise<unknown> | unknown;
  loading?: boolean;
  'aria-label'?: string;
}) {
  const { t } = useT();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      {/* Never squeezed by the row it sits in: its label stays whole on a phone. */}
      <Button {...button} aria-label={ariaLabel} onClick={open} style={{ flexShrink: 0 }}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack gap="md">
          <Text size="sm">{message}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color={button.color ?? 'red'}
              loading={loading}
              onClick={async () => {
                try {
                  await onConfirm();
                } finally {
                  close();
                }
              }}
            >
              {confirmLabel ?? t('common.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
