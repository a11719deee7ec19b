// Loading, failure and empty states, the same everywhere.
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { useErrorMessage } from './forms.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useT();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden="true" />
        <Text size="sm" c="dimmed">
          {label ?? t('app.loading')}
        </Text>
      </Stack>
    </Center>
  );
}

export function NotFound() {
  const { t } = useT();
  return (
    <Stack align="flex-start" gap="sm" py="lg">
      <Title order={1} fz={24}>
        {t('app.notFoundTitle')}
      </Title>
      <Text>{t('app.notFoundText')}</Text>
      <Button component={Link} to="/" variant="light">
        {t('app.backHome')}
      </Button>
    </Stack>
  );
}

/** A failed query: "not found" for 404 (what one may not see), otherwise the message and a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useT();
  const messageOf = useErrorMessage();
  if (isApiError(error) && error.status === 404) return <NotFound />;
  return (
    <Alert color="red" variant="light" title={t('app.errorTitle')} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{messageOf(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function Empty({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <Stack align="center" gap="sm" py="lg" px="md">
      <Text c="dimmed" ta="center">
        {children}
      </Text>
      {action}
    </Stack>
  );
}
