// The web app: i18n first (French by default), then Mantine, TanStack Query and the router.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './ui/global.css';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { isApiError, setUnauthenticatedHandler } from './api.ts';
import { meKey } from './auth/session.tsx';
import { setupI18n } from './i18n/index.ts';
import { router } from './routes.tsx';
import { cssVariablesResolver, theme } from './ui/theme.ts';

const i18n = await setupI18n();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal (4xx) will not change by asking again.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
  queryCache: new QueryCache(),
});

// Any 401 means the session ended: forget who was signed in; the layout sends them to sign in.
setUnauthenticatedHandler(() => {
  if (queryClient.getQueryData(meKey))
    notifications.show({ color: 'orange', message: i18n.t('app.sessionExpired') });
  queryClient.setQueryData(meKey, null);
});

const root = document.getElementById('root');
if (!root) throw new Error('No #root element');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <Notifications position="top-right" />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  </StrictMode>,
);
