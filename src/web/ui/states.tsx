// Loading, failure and empty states, the same everywhere.
import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { Link, useRouteError } from 'react-router';
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

/** A page's code that no longer exists on the server: the app was updated since this tab opened. */
const isStaleCode = (error: unknown) =>
  error instanceof Error &&
  /dynamically imported module|Importing a module script failed|error loading dynamically imported|MIME type/i.test(
    error.message,
  );

const reloadedKey = 'commune.reloadedForUpdate';

/** What a route shows when its page failed to load or to render, instead of a blank screen. */
export function RouteError() {
  const { t } = useT();
  const error = useRouteError();
  const stale = isStaleCode(error);
  useEffect(() => {
    if (!stale) return;
    // Once per minute at most, so a server that really lacks the file does not loop.
    const last = Number(sessionStorage.getItem(reloadedKey) ?? 0);
    if (Date.now() - last < 60_000) return;
    sessionStorage.setItem(reloadedKey, String(Date.now()));
    window.location.reload();
  }, [stale]);
  if (isApiError(error) && error.status === 404) return <NotFound />;
  return (
    <Stack align="flex-start" gap="sm" p="lg" role="alert">
      <Title order={1} fz={24}>
        {stale ? t('app.newVersionTitle') : t('app.errorTitle')}
      </Title>
      {stale && <Text>{t('app.newVersionText')}</Text>}
      <Button variant="light" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </Button>
    </Stack>
  );
}
