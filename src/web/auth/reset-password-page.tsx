import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { issue } from '../../domain/messages.ts';
import { api, isApiError } from '../api.ts';
import { currentLanguage, useT } from '../i18n/index.ts';
import { FormError, useFormSubmit, zodErrors } from '../ui/forms.tsx';
import { AuthFrame } from './auth-frame.tsx';

// The same bounds as the server's accounts (10 to 128 characters).
const password = z.string().superRefine((value, ctx) => {
  if (value.length < 10) ctx.addIssue(issue('password.too_short'));
});
const schema = z.object({ newPassword: password, confirm: z.string() });
type Values = { newPassword: string; confirm: string };

export function ResetPasswordPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token');
  const form = useForm<Values>({
    initialValues: { newPassword: '', confirm: '' },
    validate: (v) => {
      const errors = zodErrors(schema, v, currentLanguage());
      if (!errors.confirm && v.confirm !== v.newPassword) errors.confirm = t('auth.passwordsDiffer');
      return errors;
    },
  });
  const submit = useFormSubmit(form, {
    mutationFn: (v: Values) => api.post('/api/auth/reset-password', { newPassword: v.newPassword, token }),
    onSuccess: () => {
      notifications.show({ color: 'commune', message: t('auth.resetDone') });
      navigate('/sign-in', { replace: true });
    },
    errorMessage: (e) => (isApiError(e) && /token/i.test(e.code) ? t('auth.resetInvalid') : undefined),
  });

  if (!token || params.get('error'))
    return (
      <AuthFrame title={t('auth.resetTitle')}>
        <Stack>
          <Alert color="red" variant="light" role="alert">
            {t('auth.resetInvalid')}
          </Alert>
          <Anchor component={Link} to="/forgot-password">
            {t('auth.askNewLink')}
          </Anchor>
        </Stack>
      </AuthFrame>
    );

  return (
    <AuthFrame title={t('auth.resetTitle')} intro={t('auth.resetIntro')}>
      <form onSubmit={submit.onSubmit} noValidate>
        <Stack gap="md">
          <FormError message={submit.error} />
          <PasswordInput
            label={t('auth.newPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput
            label={t('auth.confirmPassword')}
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm')}
          />
          <Button type="submit" fullWidth loading={submit.pending}>
            {t('auth.resetSubmit')}
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            {t('auth.askNewLink')}
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}
