import { humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import { factorShare, formatScore } from './triage-format';
import type { ScoreFactor } from './triage-types';

/** Each factor's points out of its maximum as a bar, with the reason behind it. */
export function ScoreFactors({ factors }: { factors: ScoreFactor[] }) {
  return (
    <ul aria-label="Score factors" className="flex flex-col gap-3">
      {factors.map((factor) => {
        const share = factorShare(factor.points, factor.max_points);
        return (
          <li key={factor.factor}>
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="font-medium text-foreground-strong">{humanize(factor.factor)}</span>
              <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
                <span className="font-semibold text-foreground-strong">{formatScore(factor.points)}</span> /{' '}
                {formatScore(factor.max_points)} points
              </span>
            </div>
            <div aria-hidden="true" className="mt-1 h-2 overflow-hidden rounded-full bg-muted">
              <div
                className={cn(
                  'h-full rounded-full',
                  share >= 66 ? 'bg-success' : share >= 33 ? 'bg-warning' : 'bg-[#7b8a95]',
                )}
                style={{ width: `${share}%` }}
              />
            </div>
            <p className="mt-1 text-xs text-muted-foreground">{factor.reason}</p>
          </li>
        );
      })}
    </ul>
  );
}
