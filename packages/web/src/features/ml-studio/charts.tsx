import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ImportanceBar } from './studio-format';
import type { CalibrationBin, RocPoint } from './types';

const AXIS = { fontSize: 12, fill: '#5b6873' };
const GRID = '#e4e8ec';
const LINE = '#1d4f91';
const BAR = '#1d4f91';
const REFERENCE = '#9aa6b0';
const two = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 });
const UNIT_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * A chart with a text equivalent: the drawing is one image named by `summary` (its parts are not navigable), and the
 * summary is also shown beneath it for everyone.
 */
function ChartFigure({
  summary,
  height,
  testId,
  children,
}: {
  summary: string;
  height: number;
  testId: string;
  children: ReactNode;
}) {
  return (
    <figure className="flex flex-col gap-2" data-testid={testId}>
      <div role="img" aria-label={summary} style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground">{summary}</figcaption>
    </figure>
  );
}

export function ImportanceChart({ bars, summary }: { bars: ImportanceBar[]; summary: string }) {
  return (
    <ChartFigure summary={summary} height={Math.max(160, bars.length * 28 + 40)} testId="importance-chart">
      <BarChart
        data={bars}
        layout="vertical"
        margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis type="number" tick={AXIS} tickFormatter={(value: number) => percent.format(value)} />
        <YAxis type="category" dataKey="label" width={200} tick={AXIS} interval={0} />
        <Tooltip formatter={(value) => percent.format(Number(value))} cursor={{ fill: '#eef1f4' }} />
        <Bar
          dataKey="importance"
          name="Share of importance"
          fill={BAR}
          radius={[0, 3, 3, 0]}
          maxBarSize={18}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFigure>
  );
}

export function RocChart({ points, summary }: { points: RocPoint[]; summary: string }) {
  return (
    <ChartFigure summary={summary} height={300} testId="roc-chart">
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 24, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} />
        <XAxis
          type="number"
          dataKey="fpr"
          domain={[0, 1]}
          ticks={UNIT_TICKS}
          tick={AXIS}
          label={{ value: 'False positive rate', position: 'insideBottom', offset: -14, ...AXIS }}
        />
        <YAxis
          type="number"
          domain={[0, 1]}
          ticks={UNIT_TICKS}
          tick={AXIS}
          label={{ value: 'True positive rate', angle: -90, position: 'insideLeft', offset: 14, ...AXIS }}
        />
        <ReferenceLine
          segment={[
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ]}
          stroke={REFERENCE}
          strokeDasharray="5 4"
        />
        <Tooltip
          formatter={(value) => two.format(Number(value))}
          labelFormatter={(label) => `False positive rate ${two.format(Number(label))}`}
        />
        <Line
          type="linear"
          dataKey="tpr"
          name="True positive rate"
          stroke={LINE}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}

export function CalibrationChart({ bins, summary }: { bins: CalibrationBin[]; summary: string }) {
  return (
    <ChartFigure summary={summary} height={300} testId="calibration-chart">
      <LineChart data={bins} margin={{ top: 8, right: 16, bottom: 24, left: 8 }} accessibilityLayer={false}>
        <CartesianGrid stroke={GRID} />
        <XAxis
          type="number"
          dataKey="predicted"
          domain={[0, 1]}
          ticks={UNIT_TICKS}
          tick={AXIS}
          tickFormatter={(value: number) => percent.format(value)}
          label={{ value: 'Predicted probability', position: 'insideBottom', offset: -14, ...AXIS }}
        />
        <YAxis
          type="number"
          domain={[0, 1]}
          ticks={UNIT_TICKS}
          tick={AXIS}
          tickFormatter={(value: number) => percent.format(value)}
          label={{ value: 'Share that enrolled', angle: -90, position: 'insideLeft', offset: 14, ...AXIS }}
        />
        <ReferenceLine
          segment={[
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ]}
          stroke={REFERENCE}
          strokeDasharray="5 4"
        />
        <Tooltip
          formatter={(value, name, item) => [
            `${percent.format(Number(value))} of ${(item.payload as CalibrationBin).count} leads`,
            name,
          ]}
          labelFormatter={(label) => `Predicted ${percent.format(Number(label))}`}
        />
        <Line
          type="linear"
          dataKey="observed"
          name="Observed"
          stroke="#228b22"
          strokeWidth={2}
          dot={{ r: 4, fill: '#228b22' }}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
