import { Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { api } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { FormError, useFormSubmit, validateWith } from '../ui/forms.tsx';
import { Loading } from '../ui/states.tsx';
import { AuthFrame } from './auth-frame.tsx';
import { fetchMe, meKey, useMe } from './session.tsx';

const credentials = z.object({ email: z.email().max(254), password: z.string().min(1).max(128) });
type Values = z.input<typeof credentials>;

/** Only a path of this app, never another site (open redirect). */
export const safeNext = (next: string | null): string =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';

export function SignInPage() {
  const { t } = useT();
  const me = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const next = safeNext(params.get('next'));
  const form = useForm<Values>({
    initialValues: { email: '', password: '' },
    validate: validateWith(credentials, (v: Values) => ({ ...v, email: v.email.trim() })),
  });
  const submit = useFormSubmit(form, {
    mutationFn: async (v: Values) => {
      await api.post('/api/auth/sign-in/email', { email: v.email.trim(), password: v.password });
      const user = await fetchMe();
      queryClient.setQueryData(meKey, user);
    },
    onSuccess: () => navigate(next, { replace: true }),
  });

  if (me.isPending) return <Loading />;
  if (me.data && !submit.pending) return <Navigate to={next} replace />;

  return (
    <AuthFrame title={t('auth.signInTitle')} intro={t('auth.signInIntro')}>
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md">
          <FormError message={submit.error} />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" fullWidth loading={submit.pending}>
            {t('auth.signIn')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('auth.forgotLink')}
          </Anchor>
        </Stack>
      </form>
      <Divider my="lg" />
      <Stack gap={2} align="center">
        <Anchor component={Link} to="/simulateur" fw={600}>
          {t('payroll.link')}
        </Anchor>
        <Text size="xs" c="dimmed" ta="center">
          {t('payroll.linkHint')}
        </Text>
        <Anchor component={Link} to="/annuaire" fw={600} mt="sm">
          {t('directory.publicLink')}
        </Anchor>
        <Text size="xs" c="dimmed" ta="center">
          {t('directory.publicLinkHint')}
        </Text>
      </Stack>
    </AuthFrame>
  );
}
