import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { FormError, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { AuthFrame } from './auth-frame.tsx';

const schema = z.object({ email: z.email().max(254) });
type Values = { email: string };

export function ForgotPasswordPage() {
  const { t } = useT();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { email: '' },
    validate: validateWith(schema, (v: Values) => ({ email: v.email.trim() })),
  });
  const submit = useFormSubmit(form, {
    mutationFn: (v: Values) =>
      api.post('/api/auth/request-password-reset', {
        email: v.email.trim(),
        redirectTo: `${window.location.origin}/reset-password`,
      }),
    onSuccess: (_r, v) => setSentTo(v.email.trim()),
  });
  return (
    <AuthFrame title={t('auth.forgotTitle')} intro={sentTo ? undefined : t('auth.forgotIntro')}>
      {sentTo ? (
        <Stack>
          <Alert color="commune" variant="light" role="status">
            {t('auth.forgotSent', { email: sentTo })}
          </Alert>
          <Anchor component={Link} to="/sign-in" size="sm">
            {t('auth.backToSignIn')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit.onSubmit} noValidate>
          <Stack gap="md">
            <FormError message={submit.error} />
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps('email')}
            />
            <Button type="submit" fullWidth loading={submit.pending}>
              {t('auth.forgotSubmit')}
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm" ta="center">
              {t('auth.backToSignIn')}
            </Anchor>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
