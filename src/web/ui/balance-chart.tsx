// A small SVG chart of an account over months: money in and out as bars, the balance as a line.
// Drawn by hand to avoid a charting dependency for one picture; the table below it carries the
// same figures for screen readers.
import { Box, Group, Text } from '@mantine/core';
import type { Language } from '../../domain/messages.ts';
import { localeOf } from './format.ts';
import { ValueGrid } from './value-grid.tsx';

export type MonthPoint = { month: string; inCents: number; outCents: number; balanceCents: number };

const width = 720;
const height = 220;
const pad = { top: 16, right: 16, bottom: 28, left: 64 };

export function BalanceChart({
  points,
  lang,
  label,
  legend,
}: {
  points: MonthPoint[];
  lang: Language;
  label: string;
  legend: { in: string; out: string; balance: string };
}) {
  if (points.length === 0) return null;
  const values = points.flatMap((p) => [p.inCents, -p.outCents, p.balanceCents, 0]);
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const y = (cents: number) => pad.top + ((max - cents) / span) * innerH;
  const slot = innerW / points.length;
  const x = (i: number) => pad.left + slot * i + slot / 2;
  const bar = Math.max(4, Math.min(28, slot / 3));
  const euros = new Intl.NumberFormat(localeOf(lang), {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  });
  const month = new Intl.DateTimeFormat(localeOf(lang), { month: 'short', timeZone: 'UTC' });
  // The extremes and zero: the three values a person reads on such a chart.
  const ticks = [...new Set([max, 0, min])];
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.balanceCents).toFixed(1)}`)
    .join(' ');
  return (
    <Box>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={label}
        style={{ display: 'block' }}
      >
        <ValueGrid
          ticks={ticks}
          y={y}
          left={pad.left}
          right={width - pad.right}
          format={(cents) => euros.format(cents / 100)}
        />
        {points.map((p, i) => (
          <g key={p.month}>
            <rect
              x={x(i) - bar - 1}
              y={y(p.inCents)}
              width={bar}
              height={Math.max(0, y(0) - y(p.inCents))}
              fill="var(--mantine-color-teal-4)"
            />
            <rect
              x={x(i) + 1}
              y={y(0)}
              width={bar}
              height={Math.max(0, y(-p.outCents) - y(0))}
              fill="var(--mantine-color-orange-4)"
            />
            <text
              x={x(i)}
              y={height - 8}
              fontSize="11"
              textAnchor="middle"
              fill="var(--mantine-color-dimmed)"
            >
              {month.format(new Date(`${p.month}-01T00:00:00Z`))}
            </text>
          </g>
        ))}
        <path d={line} fill="none" stroke="var(--mantine-color-commune-7)" strokeWidth="2.5" />
        {points.map((p, i) => (
          <circle
            key={p.month}
            cx={x(i)}
            cy={y(p.balanceCents)}
            r="3.5"
            fill="var(--mantine-color-commune-7)"
          />
        ))}
      </svg>
      <Group gap="lg" justify="center" mt={4} aria-hidden="true">
        <Legend color="var(--mantine-color-teal-4)" text={legend.in} />
        <Legend color="var(--mantine-color-orange-4)" text={legend.out} />
        <Legend color="var(--mantine-color-commune-7)" text={legend.balance} />
      </Group>
    </Box>
  );
}

function Legend({ color, text }: { color: string; text: string }) {
  return (
    <Group gap={6}>
      <Box w={12} h={12} bg={color} style={{ borderRadius: 3 }} />
      <Text size="xs" c="dimmed">
        {text}
      </Text>
    </Group>
  );
}
