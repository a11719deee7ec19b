// The sibling of BalanceChart for several figures over the months: up to three bars side by side
// per month and an optional line (a balance carried from month to month). Drawn by hand in SVG as
// BalanceChart is, with the same scale, ticks and legend; a table beside it carries the figures
// for screen readers.
import { Box, Group, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Language } from '../../domain/messages.ts';
import { localeOf } from './format.ts';
import { ValueGrid } from './value-grid.tsx';

export type ChartSeries = { label: string; color: string; values: readonly number[] };

const pad = { top: 16, right: 16, bottom: 28, left: 72 };

export function MonthChart({
  months,
  bars,
  line,
  lang,
  label,
}: {
  months: readonly string[];
  bars: readonly ChartSeries[];
  line?: ChartSeries;
  lang: Language;
  label: string;
}) {
  // On a phone the picture is drawn narrower, so that its text stays readable once scaled down.
  const narrow = useMediaQuery('(max-width: 36em)') ?? false;
  const width = narrow ? 360 : 720;
  const height = narrow ? 200 : 220;
  if (months.length === 0) return null;
  const values = [0, ...bars.flatMap((b) => b.values), ...(line?.values ?? [])];
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = max - min || 1;
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const y = (cents: number) => pad.top + ((max - cents) / span) * innerH;
  const slot = innerW / months.length;
  const x = (i: number) => pad.left + slot * i + slot / 2;
  const bar = Math.max(3, Math.min(18, (slot * 0.8) / Math.max(1, bars.length)));
  const euros = new Intl.NumberFormat(localeOf(lang), {
    style: 'currency',
    currency: 'EUR',
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const month = new Intl.DateTimeFormat(localeOf(lang), {
    month: narrow ? 'narrow' : 'short',
    timeZone: 'UTC',
  });
  const ticks = [...new Set([max, max / 2, 0, min].map(Math.round))];
  const path = line?.values
    .map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`)
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
        {months.map((m, i) => (
          <g key={m}>
            {bars.map((b, k) => {
              const v = b.values[i] ?? 0;
              const left = x(i) - (bar * bars.length) / 2 + k * bar;
              return (
                <rect
                  key={b.label}
                  x={left + 0.5}
                  y={Math.min(y(v), y(0))}
                  width={bar - 1}
                  height={Math.abs(y(0) - y(v))}
                  fill={b.color}
                />
              );
            })}
            <text
              x={x(i)}
              y={height - 8}
              fontSize="11"
              textAnchor="middle"
              fill="var(--mantine-color-dimmed)"
            >
              {month.format(new Date(`${m}-01T00:00:00Z`))}
            </text>
          </g>
        ))}
        {line && path && (
          <>
            <path d={path} fill="none" stroke={line.color} strokeWidth="2.5" />
            {line.values.map((v, i) => (
              <circle key={months[i]} cx={x(i)} cy={y(v)} r="3" fill={line.color} />
            ))}
          </>
        )}
      </svg>
      <Group gap="lg" justify="center" mt={4} aria-hidden="true">
        {[...bars, ...(line ? [line] : [])].map((s) => (
          <Group gap={6} key={s.label}>
            <Box w={12} h={12} bg={s.color} style={{ borderRadius: 3 }} />
            <Text size="xs" c="dimmed">
              {s.label}
            </Text>
          </Group>
        ))}
      </Group>
    </Box>
  );
}
