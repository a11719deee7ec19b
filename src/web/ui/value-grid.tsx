// The horizontal scale of the hand-drawn charts: a light line and an amount at each tick, and a
// darker line at zero. Shared by BalanceChart and MonthChart so both read the same way.
export function ValueGrid({
  ticks,
  y,
  left,
  right,
  format,
}: {
  ticks: readonly number[];
  y: (cents: number) => number;
  left: number;
  right: number;
  format: (cents: number) => string;
}) {
  return (
    <>
      {ticks.map((tick) => (
        <g key={tick}>
          <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} stroke="var(--mantine-color-gray-3)" />
          <text
            x={left - 8}
            y={y(tick) + 4}
            fontSize="11"
            textAnchor="end"
            fill="var(--mantine-color-dimmed)"
          >
            {format(tick)}
          </text>
        </g>
      ))}
      <line x1={left} x2={right} y1={y(0)} y2={y(0)} stroke="var(--mantine-color-gray-6)" />
    </>
  );
}
