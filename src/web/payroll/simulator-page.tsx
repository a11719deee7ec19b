// The public salary simulator: from what a member invoices (or a net, a gross, an employer cost) to
// the net they are paid, with the whole chain a person can follow — the cooperative fee, the
// activity's expenses, employer and employee contributions by family, the RGDU, the income tax
// withheld — and the contributions laid out like the lines of a French payslip.
import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Container,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import type { IsoMonth } from '../../domain/dates.ts';
import { payrollRulesets } from '../../domain/payroll/rulesets.ts';
import type {
  ContractType,
  LineFamily,
  SimulationInput,
  SimulationLine,
  SimulationView,
} from '../../domain/payroll/schemas.ts';
import { api, isApiError } from '../api.ts';
import { useMe } from '../auth/session.tsx';
import { useT } from '../i18n/index.ts';
import { formatMoney, formatRate, localeOf, percentToBp } from '../ui/format.ts';
import { FormError, useErrorMessage } from '../ui/forms.tsx';
import { Brand, LanguageSwitch } from '../ui/layout.tsx';
import { Section } from '../ui/page.tsx';

type FromKind = 'invoiced' | 'net' | 'gross' | 'employerCost';
const fromKinds: FromKind[] = ['invoiced', 'net', 'gross', 'employerCost'];
const fromField: Record<FromKind, string> = {
  invoiced: 'invoicedCents',
  net: 'netCents',
  gross: 'grossCents',
  employerCost: 'employerCostCents',
};

type Values = {
  fromKind: FromKind;
  amount: number | string;
  feePercent: number | string;
  expenses: number | string;
  period: string;
  type: ContractType;
  cadre: boolean;
  partTime: boolean;
  hours: number | string;
  alsaceMoselle: boolean;
  intermittent: 'none' | 'artist' | 'technician';
  headcount: number | string;
  withholdingPercent: number | string;
};

/** Every month the rules we carry cover, newest first. */
const periods: IsoMonth[] = payrollRulesets.flatMap((r) => {
  const out: IsoMonth[] = [];
  for (let p = r.firstPeriod; p <= r.lastPeriod; ) {
    out.push(p);
    const [y, m] = p.split('-').map(Number) as [number, number];
    p = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return out;
});

/** This month if the rules cover it, else the latest month they do. */
const defaultPeriod = (): IsoMonth => {
  const now = new Date().toISOString().slice(0, 7);
  return periods.includes(now) ? now : (periods.at(-1) as IsoMonth);
};

const num = (v: number | string): number => (typeof v === 'number' ? v : Number.parseFloat(v));
const toCents = (v: number | string): number => Math.round(num(v) * 100);

/** The request the form stands for. */
function toBody(v: Values): SimulationInput {
  return {
    period: v.period,
    headcount: Math.round(num(v.headcount)),
    contract: {
      type: v.type,
      cadre: v.cadre,
      ...(v.partTime ? { partTimeHoursPerWeek: num(v.hours) } : {}),
      ...(v.alsaceMoselle ? { alsaceMoselle: true } : {}),
      ...(v.type === 'CDD_USAGE' && v.intermittent !== 'none' ? { intermittent: v.intermittent } : {}),
    },
    from: { [fromField[v.fromKind]]: toCents(v.amount) } as SimulationInput['from'],
    invoicing: { feeRateBp: percentToBp(num(v.feePercent)), expensesCents: toCents(v.expenses || 0) },
    withholdingRateBp: percentToBp(num(v.withholdingPercent || 0)),
  };
}

/** Where a field error of the API lands in this form. */
const fieldOfPointer = (pointer: string): keyof Values | null => {
  if (pointer.startsWith('/from')) return 'amount';
  if (pointer.startsWith('/invoicing')) return 'feePercent';
  if (pointer === '/contract/partTimeHoursPerWeek') return 'hours';
  if (pointer === '/contract/intermittent') return 'intermittent';
  if (pointer === '/headcount') return 'headcount';
  if (pointer === '/period') return 'period';
  if (pointer === '/withholdingRateBp') return 'withholdingPercent';
  return null;
};

export function SimulatorPage() {
  const { t, lang } = useT();
  const me = useMe();
  const messageOf = useErrorMessage();
  useDocumentTitle(`${t('payroll.title')} · Commune`);
  const form = useForm<Values>({
    initialValues: {
      fromKind: 'invoiced',
      amount: 5000,
      feePercent: 10,
      expenses: 300,
      period: defaultPeriod(),
      type: 'CDI',
      cadre: false,
      partTime: false,
      hours: 24,
      alsaceMoselle: false,
      intermittent: 'none',
      headcount: 30,
      withholdingPercent: 0,
    },
    validate: {
      amount: (v) => (num(v) > 0 ? null : t('payroll.errors.amount')),
      feePercent: (v) => (num(v) >= 0 && num(v) < 100 ? null : t('payroll.errors.feeRate')),
      expenses: (v) => (v === '' || num(v) >= 0 ? null : t('payroll.errors.expenses')),
      hours: (v, values) =>
        !values.partTime || (num(v) >= 1 && num(v) < 35) ? null : t('payroll.errors.hours'),
      headcount: (v) => (Number.isInteger(num(v)) && num(v) >= 1 ? null : t('payroll.errors.headcount')),
      withholdingPercent: (v) =>
        v === '' || (num(v) >= 0 && num(v) <= 100) ? null : t('payroll.errors.withholding'),
    },
  });
  const simulation = useMutation({
    mutationFn: (body: SimulationInput) => api.post<SimulationView>('/api/v1/payroll/simulations', body),
    onError: (e) => {
      if (!isApiError(e)) return;
      const fields: Partial<Record<keyof Values, string>> = {};
      for (const issue of e.problem.errors ?? []) {
        const field = fieldOfPointer(issue.pointer);
        if (field && !fields[field]) fields[field] = issue.message;
      }
      form.setErrors(fields);
    },
  });
  const submit = form.onSubmit((values) => simulation.mutate(toBody(values)));
  // An example right away: the defaults are a typical member.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival
  useEffect(() => {
    simulation.mutate(toBody(form.getValues()));
  }, []);

  const v = form.getValues();
  const money = {
    decimalScale: 2,
    thousandSeparator: lang === 'fr' ? ' ' : ',',
    decimalSeparator: lang === 'fr' ? ',' : '.',
  };
  const percent = {
    suffix: ' %',
    min: 0,
    decimalScale: 2,
    decimalSeparator: money.decimalSeparator,
    allowNegative: false,
  };
  const monthFormat = new Intl.DateTimeFormat(localeOf(lang), {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const monthLabel = (p: string) => monthFormat.format(new Date(`${p}-01T12:00:00Z`));
  const result = simulation.data;
  // Four choices do not fit side by side on a phone.
  const narrow = useMediaQuery('(max-width: 36em)');

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" pb="xl">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between">
            <Anchor component={Link} to="/" underline="never" aria-label="Commune">
              <Brand />
            </Anchor>
            <Group gap="md">
              <LanguageSwitch />
              {me.data ? (
                <Button component={Link} to="/" variant="light" size="xs">
                  {t('payroll.backHome')}
                </Button>
              ) : (
                <Button component={Link} to="/sign-in" variant="light" size="xs">
                  {t('payroll.signIn')}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="lg" pt="lg" component="main">
        <Stack gap={6} mb="lg">
          <Title order={1} fz={{ base: 24, sm: 28 }}>
            {t('payroll.title')}
          </Title>
          <Text c="dimmed" size="sm" maw={760}>
            {t('payroll.intro')}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
          <Section title={t('payroll.situation')} id="simulator-situation">
            <form onSubmit={submit} noValidate>
              <Stack gap="sm">
                <Stack gap={4}>
                  <Text size="sm" fw={500} id="from-kind-label">
                    {t('payroll.startFrom')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="from-kind-label"
                    fullWidth
                    orientation={narrow ? 'vertical' : 'horizontal'}
                    data={fromKinds.map((k) => ({ value: k, label: t(`payroll.from.${k}`) }))}
                    {...form.getInputProps('fromKind')}
                  />
                </Stack>
                <NumberInput
                  label={t(`payroll.amount.${v.fromKind}`)}
                  suffix=" €"
                  min={0}
                  allowNegative={false}
                  required
                  {...money}
                  {...form.getInputProps('amount')}
                />
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <NumberInput
                    label={t('payroll.feeRate')}
                    max={99.99}
                    {...percent}
                    {...form.getInputProps('feePercent')}
                  />
                  <NumberInput
                    label={t('payroll.expenses')}
                    suffix=" €"
                    min={0}
                    allowNegative={false}
                    {...money}
                    {...form.getInputProps('expenses')}
                  />
                </SimpleGrid>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <Select
                    label={t('payroll.contractType')}
                    allowDeselect={false}
                    data={(['CDI', 'CDD', 'CDD_USAGE'] as const).map((c) => ({
                      value: c,
                      label: t(`payroll.contractTypes.${c}`),
                    }))}
                    {...form.getInputProps('type')}
                  />
                  <Select
                    label={t('payroll.period')}
                    allowDeselect={false}
                    data={[...periods].reverse().map((p) => ({ value: p, label: monthLabel(p) }))}
                    {...form.getInputProps('period')}
                  />
                </SimpleGrid>
                {v.type === 'CDD_USAGE' && (
                  <Select
                    label={t('payroll.intermittent')}
                    allowDeselect={false}
                    data={(['none', 'artist', 'technician'] as const).map((k) => ({
                      value: k,
                      label: t(`payroll.intermittentKinds.${k}`),
                    }))}
                    {...form.getInputProps('intermittent')}
                  />
                )}
                <Group gap="lg">
                  <Checkbox
                    label={t('payroll.cadre')}
                    {...form.getInputProps('cadre', { type: 'checkbox' })}
                  />
                  <Checkbox
                    label={t('payroll.alsaceMoselle')}
                    {...form.getInputProps('alsaceMoselle', { type: 'checkbox' })}
                  />
                </Group>
                <Group gap="md" align="flex-end">
                  <Switch
                    label={t('payroll.partTime')}
                    {...form.getInputProps('partTime', { type: 'checkbox' })}
                  />
                  {v.partTime && (
                    <NumberInput
                      label={t('payroll.hours')}
                      min={1}
                      max={34.99}
                      decimalScale={2}
                      decimalSeparator={money.decimalSeparator}
                      w={160}
                      {...form.getInputProps('hours')}
                    />
                  )}
                </Group>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                  <NumberInput
                    label={t('payroll.headcount')}
                    description={t('payroll.headcountHint')}
                    min={1}
                    allowDecimal={false}
                    allowNegative={false}
                    {...form.getInputProps('headcount')}
                  />
                  <NumberInput
                    label={t('payroll.withholdingRate')}
                    description={t('payroll.withholdingHint')}
                    max={100}
                    {...percent}
                    {...form.getInputProps('withholdingPercent')}
                  />
                </SimpleGrid>
                <FormError
                  message={
                    simulation.isError &&
                    !(isApiError(simulation.error) && simulation.error.problem.errors?.length)
                      ? messageOf(simulation.error)
                      : null
                  }
                />
                <Button type="submit" loading={simulation.isPending}>
                  {t('payroll.compute')}
                </Button>
              </Stack>
            </form>
          </Section>
          <Box aria-live="polite" aria-busy={simulation.isPending}>
            {result ? (
              <Results
                result={result}
                monthLabel={monthLabel(result.period)}
                fromInvoice={!!simulation.variables && 'invoicedCents' in simulation.variables.from}
              />
            ) : (
              <Paper withBorder p="lg" c="dimmed">
                {simulation.isPending ? t('payroll.computing') : t('payroll.noResult')}
              </Paper>
            )}
          </Box>
        </SimpleGrid>
        {result && (
          <Box mt="lg">
            <ContributionTable result={result} />
          </Box>
        )}
      </Container>
    </Box>
  );
}

function Stat({
  label,
  value,
  hint,
  strong,
}: {
  label: string;
  value: string;
  hint?: string;
  strong?: boolean;
}) {
  return (
    <Paper withBorder p="md" bg={strong ? 'var(--mantine-color-commune-0)' : 'white'}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={strong ? 28 : 20} fw={700} c={strong ? 'var(--mantine-color-commune-9)' : undefined}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

type Row = { label: string; amount: number; sign?: '−' | '='; level?: 1; tone?: 'good' };

const familiesOf = (lines: SimulationLine[], side: SimulationLine['side']) => {
  const sums = new Map<LineFamily, number>();
  for (const l of lines) if (l.side === side) sums.set(l.family, (sums.get(l.family) ?? 0) + l.amountCents);
  return [...sums].filter(([, amount]) => amount !== 0);
};

function Results({
  result: r,
  monthLabel,
  fromInvoice,
}: {
  result: SimulationView;
  monthLabel: string;
  /** The amount invoiced was given (else it is what to invoice for this salary). */
  fromInvoice: boolean;
}) {
  const { t, lang } = useT();
  const m = (c: number) => formatMoney(c, lang);
  const inv = r.invoicing;
  const rows: Row[] = [];
  if (inv) {
    rows.push({
      label: fromInvoice ? t('payroll.invoiced') : t('payroll.toInvoice'),
      amount: inv.invoicedCents,
    });
    rows.push({
      label: t('payroll.fee', { rate: formatRate(inv.feeRateBp, lang) }),
      amount: inv.feeCents,
      sign: '−',
    });
    if (inv.expensesCents)
      rows.push({ label: t('payroll.expensesLine'), amount: inv.expensesCents, sign: '−' });
    if (inv.remainderCents)
      rows.push({ label: t('payroll.remainder'), amount: inv.remainderCents, sign: '−' });
  }
  rows.push({ label: t('payroll.employerCost'), amount: r.employerCostCents, sign: inv ? '=' : undefined });
  rows.push({ label: t('payroll.employerContributions'), amount: r.employerContributionsCents, sign: '−' });
  for (const [family, amount] of familiesOf(r.lines, 'employer'))
    rows.push(
      family === 'reductions'
        ? { label: t('payroll.rgdu'), amount, level: 1, tone: 'good' }
        : { label: t(`payroll.families.${family}`), amount, level: 1 },
    );
  rows.push({ label: t('payroll.grossPay'), amount: r.grossPayCents, sign: '=' });
  for (const l of r.lines.filter((l) => l.side === 'pay' && l.code !== 'salary'))
    rows.push({
      label: t(`payroll.lines.${l.code}` as 'payroll.lines.salary'),
      amount: l.amountCents,
      level: 1,
    });
  rows.push({ label: t('payroll.employeeContributions'), amount: r.employeeContributionsCents, sign: '−' });
  for (const [family, amount] of familiesOf(r.lines, 'employee'))
    rows.push({ label: t(`payroll.families.${family}`), amount, level: 1 });
  rows.push({ label: t('payroll.netBeforeTax'), amount: r.netCents, sign: '=' });
  rows.push({
    label: t('payroll.withholding', { rate: formatRate(r.withholding.rateBp, lang) }),
    amount: r.withholding.amountCents,
    sign: '−',
  });
  rows.push({ label: t('payroll.netAfterTax'), amount: r.netAfterTaxCents, sign: '=' });

  return (
    <Stack gap="lg">
      <SimpleGrid cols={2} spacing="sm">
        <Stat
          label={t('payroll.netAfterTax')}
          value={m(r.netAfterTaxCents)}
          hint={t('payroll.netAfterTaxHint')}
          strong
        />
        <Stat label={t('payroll.net')} value={m(r.netCents)} />
        <Stat label={t('payroll.gross')} value={m(r.grossCents)} />
        <Stat label={t('payroll.employerCost')} value={m(r.employerCostCents)} />
      </SimpleGrid>
      {r.notices.length > 0 && (
        <Alert color="yellow" variant="light" title={t('payroll.notices')}>
          <Stack gap={4} component="ul" m={0} pl="md">
            {r.notices.map((n) => (
              <Text component="li" size="sm" key={n.code}>
                {n.message}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Section title={t('payroll.chainTitle')} id="simulator-chain">
        <Table verticalSpacing={6} fz="sm">
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr
                key={`${row.label}-${row.level ?? 0}`}
                style={row.sign === '=' ? { borderTop: '2px solid var(--mantine-color-gray-4)' } : undefined}
              >
                <Table.Td
                  pl={row.level ? 'xl' : undefined}
                  c={row.level ? 'dimmed' : undefined}
                  fw={row.sign === '=' ? 600 : undefined}
                >
                  {row.sign && !row.level && (
                    <Text span c="dimmed" mr={6} aria-hidden="true">
                      {row.sign}
                    </Text>
                  )}
                  {row.label}
                </Table.Td>
                <Table.Td
                  ta="right"
                  fw={row.sign === '=' ? 600 : undefined}
                  c={
                    row.tone === 'good' ? 'var(--mantine-color-commune-8)' : row.level ? 'dimmed' : undefined
                  }
                  style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
                >
                  {m(row.amount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          {t('payroll.rules', { version: r.ruleset.version, period: monthLabel })}
        </Text>
      </Section>
    </Stack>
  );
}

/** The contributions as a payslip shows them: one row per contribution, both shares side by side. */
function ContributionTable({ result: r }: { result: SimulationView }) {
  const { t, lang } = useT();
  const m = (c: number) => formatMoney(c, lang);
  const families = [...new Set(r.lines.filter((l) => l.side !== 'pay').map((l) => l.family))];
  const share = (family: LineFamily, code: string, side: 'employer' | 'employee') =>
    r.lines.find((l) => l.family === family && l.code === code && l.side === side)?.amountCents;
  const cell = (c: number | undefined) => (c === undefined ? '' : m(c));
  const numeric = {
    ta: 'right' as const,
    style: { whiteSpace: 'nowrap' as const, fontVariantNumeric: 'tabular-nums' },
  };
  return (
    <Section title={t('payroll.detailTitle')} id="simulator-detail">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} fz="sm" striped="even">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('payroll.contribution')}</Table.Th>
              <Table.Th {...numeric}>{t('payroll.employeeShare')}</Table.Th>
              <Table.Th {...numeric}>{t('payroll.employerShare')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {families.map((family) => {
              const codes = [
                ...new Set(r.lines.filter((l) => l.family === family && l.side !== 'pay').map((l) => l.code)),
              ];
              return [
                <Table.Tr key={family}>
                  <Table.Th colSpan={3} scope="rowgroup" bg="var(--mantine-color-gray-1)">
                    {t(`payroll.families.${family}`)}
                  </Table.Th>
                </Table.Tr>,
                ...codes.map((code) => (
                  <Table.Tr key={`${family}-${code}`}>
                    <Table.Td pl="lg">{t(`payroll.lines.${code}` as 'payroll.lines.salary')}</Table.Td>
                    <Table.Td {...numeric}>{cell(share(family, code, 'employee'))}</Table.Td>
                    <Table.Td {...numeric}>{cell(share(family, code, 'employer'))}</Table.Td>
                  </Table.Tr>
                )),
              ];
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>{t('payroll.total')}</Table.Th>
              <Table.Th {...numeric}>{m(r.employeeContributionsCents)}</Table.Th>
              <Table.Th {...numeric}>{m(r.employerContributionsCents)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
