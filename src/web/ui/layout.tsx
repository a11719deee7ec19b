// The signed-in frame: a header (name, language, sign-out), a navigation that follows the person's
// roles, and the page. Without a session, the person is sent to the sign-in page and back after.
import {
  AppShell,
  Box,
  Burger,
  Button,
  Center,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  SegmentedControl,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { Actor } from '../../domain/access.ts';
import { can } from '../../domain/access.ts';
import type { Language } from '../../domain/messages.ts';
import { ActorProvider, actorOf, hasRole, isStaff, useMe, useSignOut } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { Loading, QueryError } from './states.tsx';

export function LanguageSwitch() {
  const { t, lang, i18n } = useT();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('app.language')}
      value={lang}
      onChange={(value) => void i18n.changeLanguage(value as Language)}
      data={[
        { value: 'fr', label: <span lang="fr">FR</span> },
        { value: 'en', label: <span lang="en">EN</span> },
      ]}
    />
  );
}

export function Brand() {
  return (
    <Group gap={8} wrap="nowrap">
      <Center
        w={28}
        h={28}
        bg="var(--mantine-primary-color-filled)"
        c="white"
        fw={700}
        style={{ borderRadius: 8 }}
        aria-hidden="true"
      >
        C
      </Center>
      <Text fw={700} fz="lg" c="var(--mantine-color-commune-9)">
        Commune
      </Text>
    </Group>
  );
}

type NavItem = { to: string; label: string; end?: boolean };
type NavGroup = { label?: string; items: NavItem[] };

function navigation(actor: Actor, t: ReturnType<typeof useT>['t']): NavGroup[] {
  const main: NavItem[] = [{ to: '/', label: t('nav.home'), end: true }];
  const staff = isStaff(actor);
  if (can(actor, 'member.list'))
    main.push({
      to: '/members',
      label:
        hasRole(actor, 'adviser') && !hasRole(actor, 'admin', 'accountant', 'payroll')
          ? t('nav.myOfficesMembers')
          : t('nav.members'),
    });
  main.push({ to: '/activities', label: staff ? t('nav.activities') : t('nav.myActivities') });
  main.push({ to: '/clients', label: staff ? t('nav.clients') : t('nav.myClients') });
  main.push({ to: '/sales', label: t('sales.nav') });
  if (can(actor, 'collection.read')) main.push({ to: '/collection', label: t('nav.collection') });
  if (actor.memberId || hasRole(actor, 'adviser', 'accountant', 'admin'))
    main.push({ to: '/expenses', label: staff ? t('nav.expenses') : t('nav.myExpenses') });
  if (actor.memberId) main.push({ to: '/salary', label: t('nav.mySalary') });
  if (actor.memberId || hasRole(actor, 'adviser', 'accountant', 'admin'))
    main.push({ to: '/advances', label: t('advances.nav') });
  if (actor.memberId) main.push({ to: '/contribution', label: t('fees.nav') });
  main.push({ to: '/events', label: t('nav.events') }, { to: '/spaces', label: t('nav.spaces') });
  main.push({ to: '/directory', label: t('directory.nav') });
  main.push({ to: '/governance', label: t('governance.nav') });
  if (actor.memberId) main.push({ to: `/members/${actor.memberId}`, label: t('nav.myProfile') });
  const groups: NavGroup[] = [{ items: main }];
  if (hasRole(actor, 'accountant', 'admin'))
    groups.push({
      items: [
        { to: '/ledger', label: t('nav.accounting') },
        { to: '/bank', label: t('nav.bank') },
        { to: '/payouts', label: t('nav.payouts') },
      ],
    });
  if (can(actor, 'payroll.run')) groups.push({ items: [{ to: '/payroll', label: t('nav.payroll') }] });
  if (can(actor, 'guarantee.read')) groups.push({ items: [{ to: '/guarantee', label: t('guarantee.nav') }] });
  if (can(actor, 'backoffice.dashboard'))
    groups.push({ items: [{ to: '/direction', label: t('backoffice.nav') }] });
  if (can(actor, 'entity.manage'))
    groups.push({
      label: t('nav.administration'),
      items: [
        { to: '/admin/entities', label: t('nav.entities') },
        { to: '/admin/offices', label: t('nav.offices') },
        { to: '/admin/users', label: t('nav.users') },
        { to: '/admin/fees', label: t('fees.adminNav') },
        { to: '/admin/audit', label: t('nav.audit') },
      ],
    });
  return groups;
}

function isActive(pathname: string, item: NavItem, all: NavItem[]) {
  if (item.end) return pathname === item.to;
  if (!(pathname === item.to || pathname.startsWith(`${item.to}/`))) return false;
  // The most specific entry wins ("My profile" /members/:id over "Members" /members).
  return !all.some((o) => o !== item && o.to.length > item.to.length && pathname.startsWith(o.to));
}

export function SignedInLayout() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError)
    return (
      <Box p="xl">
        <QueryError error={me.error} onRetry={() => me.refetch()} />
      </Box>
    );
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  const actor = actorOf(me.data);
  return (
    <ActorProvider actor={actor}>
      <Shell actor={actor} />
    </ActorProvider>
  );
}

function Shell({ actor }: { actor: Actor }) {
  const { t } = useT();
  const [opened, { toggle, close }] = useDisclosure(false);
  // Below the `sm` breakpoint the navigation slides in over the page; closed, it is off screen and
  // must not take the keyboard's or the screen reader's focus either.
  const phone = useMediaQuery('(max-width: 47.99em)') ?? false;
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const groups = navigation(actor, t);
  const all = groups.flatMap((g) => g.items);

  // After a navigation, the keyboard and screen-reader focus moves to the new page.
  // biome-ignore lint/correctness/useExhaustiveDependencies: on path change only
  useEffect(() => {
    close();
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [location.pathname]);

  const onSignOut = async () => {
    await signOut();
    notifications.show({ message: t('app.signedOut') });
    navigate('/sign-in', { replace: true });
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
      styles={{ main: { background: 'var(--mantine-color-gray-0)' } }}
    >
      <AppShell.Header>
        <a href="#main" className="skip-link">
          {t('app.skipToContent')}
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('app.closeNavigation') : t('app.openNavigation')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <UnstyledButton component={Link} to="/" aria-label={`Commune — ${t('nav.home')}`}>
              <Brand />
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Text size="sm" c="dimmed" visibleFrom="md" maw={220} truncate>
              <VisuallyHidden>{t('app.signedInAs', { name: '' })}</VisuallyHidden>
              {actor.name}
            </Text>
            <Button variant="default" size="xs" onClick={onSignOut} visibleFrom="sm">
              {t('app.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="sm"
        component="nav"
        aria-label={t('app.mainNavigation')}
        id="main-navigation"
        inert={phone && !opened}
      >
        <AppShell.Section grow component={ScrollArea}>
          {groups.map((group, index) => (
            <Box key={group.label ?? index} mb="sm">
              {group.label && (
                <>
                  {index > 0 && <Divider my="sm" />}
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                    {group.label}
                  </Text>
                </>
              )}
              {group.items.map((item) => {
                const active = isActive(location.pathname, item, all);
                return (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    active={active}
                    aria-current={active ? 'page' : undefined}
                    variant="light"
                    style={{ borderRadius: 'var(--mantine-radius-md)' }}
                    fw={active ? 600 : 500}
                  />
                );
              })}
            </Box>
          ))}
        </AppShell.Section>
        <AppShell.Section hiddenFrom="md">
          <Divider my="sm" />
          <Group justify="space-between" px="sm" gap="sm" wrap="nowrap">
            <Text size="sm" c="dimmed" truncate>
              {actor.name}
            </Text>
            <Button variant="default" size="xs" onClick={onSignOut} hiddenFrom="sm">
              {t('app.signOut')}
            </Button>
          </Group>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main" ref={main} tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1200} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
