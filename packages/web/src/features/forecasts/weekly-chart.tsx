import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { type ChartPoint, formatWeek, formatWeekTick } from './forecasts-format';

// The ML Studio charts' palette, so the two AI pages read alike.
const AXIS = { fontSize: 12, fill: '#5b6873' };
const GRID = '#e4e8ec';
const ACTUAL = '#1d4f91';
const FORECAST = '#1d4f91';
const BAND = '#c6d8f0';
const REFERENCE = '#9aa6b0';
const count = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * Weekly history and forecast with the forecast's 80% band. The drawing is one image named by `summary` (its parts
 * are not navigable), and the summary is also shown beneath it for everyone.
 */
export function WeeklyChart({
  points,
  firstForecastWeek,
  summary,
}: {
  points: ChartPoint[];
  firstForecastWeek: string | undefined;
  summary: string;
}) {
  return (
    <figure className="flex flex-col gap-2" data-testid="weekly-chart">
      <div role="img" aria-label={summary} style={{ height: 320 }}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid stroke={GRID} vertical={false} />
            <XAxis dataKey="week_start" tick={AXIS} tickFormatter={formatWeekTick} minTickGap={24} />
            <YAxis tick={AXIS} allowDecimals={false} width={40} />
            <Tooltip
              labelFormatter={(label) => `Week of ${formatWeek(String(label))}`}
              formatter={(value, name) => [
                Array.isArray(value)
                  ? `${count.format(value[0])}–${count.format(value[1])}`
                  : count.format(Number(value)),
                name,
              ]}
            />
            {/* Recharts colours legend text like its series; the pale band's label would then be unreadable. */}
            <Legend
              iconType="plainline"
              wrapperStyle={{ fontSize: 12 }}
              formatter={(value) => <span style={{ color: AXIS.fill }}>{value}</span>}
            />
            <Area
              dataKey="range_80"
              name="80% range"
              stroke="none"
              fill={BAND}
              fillOpacity={0.8}
              legendType="square"
              isAnimationActive={false}
            />
            {firstForecastWeek ? (
              <ReferenceLine
                x={firstForecastWeek}
                stroke={REFERENCE}
                strokeDasharray="5 4"
                label={{ value: 'Forecast', position: 'insideTopLeft', ...AXIS }}
              />
            ) : null}
            <Line
              type="linear"
              dataKey="actual"
              name="Actual"
              stroke={ACTUAL}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="linear"
              dataKey="expected"
              name="Forecast"
              stroke={FORECAST}
              strokeWidth={2}
              strokeDasharray="6 4"
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground">{summary}</figcaption>
    </figure>
  );
}
