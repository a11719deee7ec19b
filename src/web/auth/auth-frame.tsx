// The frame of the pages one sees before signing in: the brand, the language, one card.
import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';
import { Brand, LanguageSwitch } from '../ui/layout.tsx';

export function AuthFrame({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  const { t } = useT();
  useDocumentTitle(`${title} · Commune`);
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" py={{ base: 'lg', sm: 60 }}>
      <Container size={440}>
        <Group justify="space-between" mb="lg">
          <Brand />
          <LanguageSwitch />
        </Group>
        <Paper component="main" withBorder radius="md" p={{ base: 'lg', sm: 'xl' }} shadow="xs">
          <Stack gap="xs" mb="lg">
            <Title order={1} fz={24}>
              {title}
            </Title>
            {intro && (
              <Text c="dimmed" size="sm">
                {intro}
              </Text>
            )}
          </Stack>
          {children}
        </Paper>
        <Text ta="center" size="xs" c="dimmed" mt="lg">
          {t('app.tagline')}
        </Text>
      </Container>
    </Box>
  );
}
