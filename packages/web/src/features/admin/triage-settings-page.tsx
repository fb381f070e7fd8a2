import { CircleCheck, LoaderCircle, Lock, Play, TriangleAlert } from 'lucide-react';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { PageHeader } from '@/app/page-header';
import { useCurrentUser } from '@/app/require-auth';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableScroller } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { formatPercent } from '@/features/lead/triage-format';
import { fieldErrors } from '@/lib/api';
import { formatCount, formatDateTime, humanize } from '@/lib/format';
import { cn } from '@/lib/utils';
import {
  FACTORS,
  type ForecastConfig,
  type ForecastConfigVersion,
  forecastConfigPatch,
  forecastConfigSchema,
  issueMessages,
  type ScoringWeights,
  useForecastConfig,
  useForecastConfigHistory,
  useOptimiseWeights,
  useSaveForecastConfig,
  useScoringWeights,
  useSetScoringWeights,
  type WeightsChange,
  type WeightsOverview,
  weightsFormSchema,
} from './use-triage-settings';

type Errors = Record<string, string>;

/** A form's text field as the number it holds; blank is NaN, so validation reports it rather than reading 0. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

const aucFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

function NumberField({
  label,
  value,
  onChange,
  error,
  hint,
  step = 'any',
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  step?: string;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        type="number"
        inputMode="decimal"
        step={step}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? messageId : undefined}
        className="tabular-nums"
      />
      {error ? (
        <p id={messageId} className="text-xs text-primary-soft-foreground">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function FormMessage({ error, saved }: { error: string | null; saved: string | null }) {
  return (
    <div role="status" aria-live="polite" className="empty:hidden">
      {error ? (
        <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
          <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span>{error}</span>
        </p>
      ) : saved ? (
        <p className="flex items-start gap-2 rounded-md bg-success-soft px-3 py-2 text-sm text-success-soft-foreground">
          <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          <span>{saved}</span>
        </p>
      ) : null}
    </div>
  );
}

function LoadError({ title, error, onRetry }: { title: string; error: Error; onRetry: () => void }) {
  return (
    <EmptyState icon={TriangleAlert} tone="danger" title={title} description={error.message}>
      <Button variant="outline" onClick={onRetry}>
        Try again
      </Button>
    </EmptyState>
  );
}

function WeightBars({ weights }: { weights: ScoringWeights }) {
  return (
    <ul aria-label="Active scoring weights" className="flex flex-col gap-3">
      {FACTORS.map((factor) => (
        <li key={factor} data-testid={`weight-${factor}`}>
          <div className="flex items-baseline justify-between gap-3 text-sm">
            <span className="font-medium text-foreground-strong">{humanize(factor)}</span>
            <span className="text-xs font-semibold text-foreground-strong tabular-nums">
              {formatPercent(weights[factor])}
            </span>
          </div>
          <div aria-hidden="true" className="mt-1 h-2 overflow-hidden rounded-full bg-muted">
            <div
              className="h-full rounded-full bg-info-soft-foreground"
              style={{ width: formatPercent(weights[factor]) }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

const FACTOR_LABELS: Record<string, string> = Object.fromEntries(FACTORS.map((factor) => [factor, humanize(factor)]));

/** Weights as whole-ish percentages for editing: 0.32 → "32". */
const asPercentText = (weights: ScoringWeights) =>
  Object.fromEntries(FACTORS.map((factor) => [factor, String(Math.round(weights[factor] * 10_000) / 100)])) as Record<
    keyof ScoringWeights,
    string
  >;

/**
 * Keyed by the active version, so it starts again from whatever is adopted; `setWeights` lives in the parent so its
 * outcome outlives that restart.
 */
function SetWeightsForm({
  active,
  setWeights,
}: {
  active: WeightsOverview['active'];
  setWeights: ReturnType<typeof useSetScoringWeights>;
}) {
  const [values, setValues] = useState(() => asPercentText(active.weights));
  const [reason, setReason] = useState('');
  const [localErrors, setLocalErrors] = useState<Errors>({});
  const reasonId = useId();
  const errors = withLabels({ ...fieldErrors(setWeights.error), ...localErrors }, FACTOR_LABELS);
  const total = FACTORS.reduce((sum, factor) => sum + (numberOf(values[factor]) || 0), 0);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (setWeights.isPending) return;
    const parsed = weightsFormSchema.safeParse({
      weights: Object.fromEntries(FACTORS.map((factor) => [factor, numberOf(values[factor])])),
      reason,
    });
    if (!parsed.success) {
      setWeights.reset();
      setLocalErrors(issueMessages(parsed.error));
      return;
    }
    setLocalErrors({});
    setWeights.mutate(parsed.data);
  };

  const saved =
    setWeights.data?.active.version === active.version ? `Saved: version ${active.version} is now active.` : null;
  return (
    <form onSubmit={onSubmit} aria-label="Set scoring weights" className="flex flex-col gap-4" noValidate>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {FACTORS.map((factor) => (
          <NumberField
            key={factor}
            label={humanize(factor)}
            value={values[factor]}
            onChange={(value) => setValues({ ...values, [factor]: value })}
            error={errors[factor]}
          />
        ))}
      </div>
      <p className="text-xs text-muted-foreground">
        Total {formatCount(Math.round(total * 100) / 100)}. Any positive numbers will do: they are saved as shares of
        their total.
      </p>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={reasonId}>Reason</Label>
        <Input
          id={reasonId}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder="Why the weights change; kept in the history"
          autoComplete="off"
          aria-invalid={errors.reason ? true : undefined}
          aria-describedby={errors.reason ? `${reasonId}-error` : undefined}
        />
        {errors.reason ? (
          <p id={`${reasonId}-error`} className="text-xs text-primary-soft-foreground">
            {errors.reason}
          </p>
        ) : null}
      </div>
      <FormMessage error={setWeights.error?.message ?? null} saved={saved} />
      <div>
        <Button type="submit" disabled={setWeights.isPending}>
          {setWeights.isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
          {setWeights.isPending ? 'Saving…' : 'Save weights'}
        </Button>
      </div>
    </form>
  );
}

function Optimiser() {
  const optimise = useOptimiseWeights();
  const result = optimise.data;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="outline" onClick={() => optimise.mutate()} disabled={optimise.isPending}>
          {optimise.isPending ? (
            <LoaderCircle className="animate-spin" aria-hidden="true" />
          ) : (
            <Play aria-hidden="true" />
          )}
          {optimise.isPending ? 'Running…' : 'Run optimiser now'}
        </Button>
        <p className="text-xs text-muted-foreground">
          Refits the weights on past enrolment outcomes; adopted only if the held-out AUC is not worse.
        </p>
      </div>
      <div role="status" aria-live="polite" className="empty:hidden">
        {optimise.error ? (
          <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <span>{optimise.error.message}</span>
          </p>
        ) : result ? (
          <div
            data-testid="optimiser-result"
            className="rounded-md border border-border bg-[#fafbfc] px-3 py-2.5 text-sm"
          >
            <div className="flex flex-wrap items-center gap-2">
              <Badge tone={result.decision === 'adopted' ? 'success' : 'neutral'}>{humanize(result.decision)}</Badge>
              <span className="tabular-nums text-foreground-strong">
                AUC {aucFormat.format(result.auc_current)} now → {aucFormat.format(result.auc_proposed)} proposed
              </span>
              <span className="text-xs text-muted-foreground">
                {formatCount(result.training_rows)} training rows · {formatCount(result.held_out_rows)} held out
              </span>
            </div>
            <p className="mt-1 text-xs text-muted-foreground">{result.reason}</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** "Engagement 32% → 30%" for each factor whose share moved. */
function weightChanges(change: WeightsChange): string {
  const { old_weights: before, new_weights: after } = change;
  if (!before) return FACTORS.map((factor) => `${humanize(factor)} ${formatPercent(after[factor])}`).join(', ');
  const moved = FACTORS.filter((factor) => formatPercent(before[factor]) !== formatPercent(after[factor]));
  if (moved.length === 0) return 'No change';
  return moved
    .map((factor) => `${humanize(factor)} ${formatPercent(before[factor])} → ${formatPercent(after[factor])}`)
    .join(', ');
}

function aucs(details: Record<string, unknown>): string {
  const { auc_current: current, auc_proposed: proposed } = details;
  if (typeof current !== 'number' || typeof proposed !== 'number') return '—';
  return `${aucFormat.format(current)} → ${aucFormat.format(proposed)}`;
}

function WeightsHistory({ history }: { history: WeightsChange[] }) {
  if (history.length === 0) {
    return <p className="px-5 py-4 text-sm text-muted-foreground">No changes yet: the default weights are in use.</p>;
  }
  return (
    <TableScroller className="max-h-96">
      <Table aria-label="Scoring weights history">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">When</TableHead>
            <TableHead scope="col">Who</TableHead>
            <TableHead scope="col">Decision</TableHead>
            <TableHead scope="col">Version</TableHead>
            <TableHead scope="col">Weights</TableHead>
            <TableHead scope="col">Reason</TableHead>
            <TableHead scope="col">AUC (current → proposed)</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {history.map((change) => (
            <TableRow key={change.id} data-testid="weights-history-row">
              <TableCell className="tabular-nums">
                <RelativeTime value={change.occurred_at} />
              </TableCell>
              <TableCell>{change.actor_label}</TableCell>
              <TableCell>
                <Badge tone={change.decision === 'adopted' ? 'success' : 'neutral'}>{humanize(change.decision)}</Badge>
              </TableCell>
              <TableCell className="tabular-nums">
                {change.new_version === null
                  ? `v${change.old_version ?? '—'} kept`
                  : change.old_version === null
                    ? `v${change.new_version}`
                    : `v${change.old_version} → v${change.new_version}`}
              </TableCell>
              <TableCell className="max-w-96 text-xs whitespace-normal tabular-nums">{weightChanges(change)}</TableCell>
              <TableCell className="max-w-72 whitespace-normal">{change.reason}</TableCell>
              <TableCell className="tabular-nums">{aucs(change.details)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableScroller>
  );
}

function ScoringWeightsSection() {
  const query = useScoringWeights();
  const setWeights = useSetScoringWeights();
  const { data } = query;
  return (
    <section aria-labelledby="scoring-weights-title" className="flex flex-col gap-4">
      <h2 id="scoring-weights-title" className="text-base font-semibold text-foreground-strong">
        Lead scoring weights
      </h2>
      {query.isError && !data ? (
        <Card>
          <LoadError
            title="The scoring weights could not be loaded"
            error={query.error}
            onRetry={() => void query.refetch()}
          />
        </Card>
      ) : (
        <>
          <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
            <Card>
              <CardHeader>
                <div>
                  <CardTitle>Active weights{data ? ` · version ${data.active.version}` : ''}</CardTitle>
                  <CardDescription>
                    {data ? (
                      <>
                        {data.active.reason} · <RelativeTime value={data.active.created_at} />
                      </>
                    ) : (
                      'How much each factor counts towards a lead’s score.'
                    )}
                  </CardDescription>
                </div>
              </CardHeader>
              <CardContent>
                {data ? (
                  <WeightBars weights={data.active.weights} />
                ) : (
                  <div aria-busy="true" className="flex flex-col gap-4">
                    <span className="sr-only">Loading the scoring weights…</span>
                    {FACTORS.map((factor) => (
                      <Skeleton key={factor} className="h-7 w-full" />
                    ))}
                  </div>
                )}
              </CardContent>
            </Card>
            <Card>
              <CardHeader>
                <div>
                  <CardTitle>Change the weights</CardTitle>
                  <CardDescription>Every lead is re-scored in the background once the change is saved.</CardDescription>
                </div>
              </CardHeader>
              <CardContent className="flex flex-col gap-5">
                {data ? (
                  <SetWeightsForm key={data.active.version} active={data.active} setWeights={setWeights} />
                ) : (
                  <Skeleton className="h-40 w-full" />
                )}
                <div className="border-t border-border pt-4">
                  <Optimiser />
                </div>
              </CardContent>
            </Card>
          </div>
          <Card className="overflow-hidden">
            <CardHeader>
              <div>
                <CardTitle>Weights history</CardTitle>
                <CardDescription>
                  Hand edits and optimiser decisions, adopted or rejected. Newest first.
                </CardDescription>
              </div>
            </CardHeader>
            {data ? (
              <WeightsHistory history={data.history} />
            ) : (
              <TableSkeleton
                label="Loading the weights history…"
                rows={3}
                cells={['h-4 w-24', 'h-4 w-32', 'h-5 w-16 rounded-full', 'h-4 w-16', 'h-4 w-64', 'h-4 w-40']}
              />
            )}
          </Card>
        </>
      )}
    </section>
  );
}

const FORECAST_WEIGHTS = [
  ['engagement_points', 'Engagement'],
  ['recency_points', 'Recency'],
  ['source_points', 'Source quality'],
  ['contactability_points', 'Contactability'],
  ['course_fit_points', 'Course fit'],
] as const satisfies readonly [keyof ForecastConfig['weights'], string][];

const FORECAST_FIELDS = [
  ['bias', 'Bias', 'Shifts every probability; from −20 to 20.'],
  ['eta_base_days', 'ETA base (days)', 'Days to enrol for a typical lead; 1 to 365.'],
  ['eta_engagement_shortening_max', 'ETA shortening (days)', 'The most strong engagement takes off; below the base.'],
  ['min_probability_for_eta', 'Minimum probability for an ETA', 'Below this no ETA is given; 0 to 1.'],
] as const satisfies readonly [Exclude<keyof ForecastConfig, 'weights'>, string, string][];

const FORECAST_LABELS: Record<string, string> = Object.fromEntries(
  [...FORECAST_FIELDS, ...FORECAST_WEIGHTS].map(([key, label]) => [key, label]),
);

/** Messages that name another field ("must be less than eta_base_days") name it as its label does. */
function withLabels(errors: Errors, labels: Record<string, string>): Errors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      const named = message.replace(/\b[a-z]+(?:_[a-z]+)+\b/g, (key) => (labels[key] ? `the ${labels[key]}` : key));
      return [field, `${named.charAt(0).toUpperCase()}${named.slice(1)}${/[.!?]$/.test(named) ? '' : '.'}`];
    }),
  );
}

type ForecastText = Record<(typeof FORECAST_FIELDS)[number][0] | (typeof FORECAST_WEIGHTS)[number][0], string>;

function forecastText(config: ForecastConfig): ForecastText {
  return {
    bias: String(config.bias),
    eta_base_days: String(config.eta_base_days),
    eta_engagement_shortening_max: String(config.eta_engagement_shortening_max),
    min_probability_for_eta: String(config.min_probability_for_eta),
    ...Object.fromEntries(FORECAST_WEIGHTS.map(([key]) => [key, String(config.weights[key])])),
  } as ForecastText;
}

/** Keyed by the active version, like SetWeightsForm, with `save` in the parent for the same reason. */
function ForecastConfigForm({
  config,
  save,
}: {
  config: ForecastConfig & { version: number };
  save: ReturnType<typeof useSaveForecastConfig>;
}) {
  const [values, setValues] = useState(() => forecastText(config));
  const [localErrors, setLocalErrors] = useState<Errors>({});
  const errors = withLabels({ ...fieldErrors(save.error), ...localErrors }, FORECAST_LABELS);
  const set = (key: keyof ForecastText) => (value: string) => setValues({ ...values, [key]: value });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const parsed = forecastConfigSchema.safeParse({
      bias: numberOf(values.bias),
      weights: Object.fromEntries(FORECAST_WEIGHTS.map(([key]) => [key, numberOf(values[key])])),
      eta_base_days: numberOf(values.eta_base_days),
      eta_engagement_shortening_max: numberOf(values.eta_engagement_shortening_max),
      min_probability_for_eta: numberOf(values.min_probability_for_eta),
    });
    save.reset();
    if (!parsed.success) {
      setLocalErrors(issueMessages(parsed.error));
      return;
    }
    setLocalErrors({});
    const patch = forecastConfigPatch(config, parsed.data);
    if (Object.keys(patch).length === 0) {
      setLocalErrors({ form: 'Nothing has changed.' });
      return;
    }
    save.mutate(patch);
  };

  const saved = save.data?.version === config.version ? `Saved: version ${config.version} is now active.` : null;
  return (
    <form onSubmit={onSubmit} aria-label="Forecast configuration" className="flex flex-col gap-4" noValidate>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {FORECAST_FIELDS.map(([key, label, hint]) => (
          <NumberField
            key={key}
            label={label}
            value={values[key]}
            onChange={set(key)}
            error={errors[key]}
            hint={hint}
            step={key === 'eta_base_days' || key === 'eta_engagement_shortening_max' ? '1' : 'any'}
          />
        ))}
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-foreground-strong">Factor weights</legend>
        <p className="-mt-1 text-xs text-muted-foreground">
          How much each factor’s points move the probability; each from 0 to 1.
        </p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          {FORECAST_WEIGHTS.map(([key, label]) => (
            <NumberField key={key} label={label} value={values[key]} onChange={set(key)} error={errors[key]} />
          ))}
        </div>
      </fieldset>
      <FormMessage error={save.error?.message ?? errors.form ?? null} saved={saved} />
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
          {save.isPending ? 'Saving…' : 'Save configuration'}
        </Button>
      </div>
    </form>
  );
}

function ConfigValue({ value, changed }: { value: number; changed: boolean }) {
  return <span className={cn(changed ? 'font-semibold text-foreground-strong' : undefined)}>{value}</span>;
}

function ForecastHistory({ versions }: { versions: ForecastConfigVersion[] }) {
  return (
    <TableScroller className="max-h-96">
      <Table aria-label="Forecast configuration history">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">Version</TableHead>
            <TableHead scope="col">Saved</TableHead>
            <TableHead scope="col">By</TableHead>
            <TableHead scope="col">Bias</TableHead>
            <TableHead scope="col" title={FORECAST_WEIGHTS.map(([, label]) => label).join(' · ')}>
              Factor weights
            </TableHead>
            <TableHead scope="col">ETA base</TableHead>
            <TableHead scope="col">ETA shortening</TableHead>
            <TableHead scope="col">Min. probability</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {versions.map((row, index) => {
            // Newest first: the version this one replaced is the next row.
            const before = versions[index + 1]?.config;
            const changed = (key: Exclude<keyof ForecastConfig, 'weights'>) =>
              before !== undefined && before[key] !== row.config[key];
            return (
              <TableRow key={row.version} data-testid="forecast-history-row">
                <TableCell className="tabular-nums">
                  <span className="flex items-center gap-2">
                    v{row.version}
                    {row.active ? <Badge tone="success">Active</Badge> : null}
                  </span>
                </TableCell>
                <TableCell className="tabular-nums">{formatDateTime(row.created_at)}</TableCell>
                <TableCell>{row.created_by_label}</TableCell>
                <TableCell className="tabular-nums">
                  <ConfigValue value={row.config.bias} changed={changed('bias')} />
                </TableCell>
                <TableCell className="text-xs tabular-nums">
                  {FORECAST_WEIGHTS.map(([key], at) => (
                    <span key={key}>
                      {at > 0 ? ' · ' : null}
                      <ConfigValue
                        value={row.config.weights[key]}
                        changed={before !== undefined && before.weights[key] !== row.config.weights[key]}
                      />
                    </span>
                  ))}
                </TableCell>
                <TableCell className="tabular-nums">
                  <ConfigValue value={row.config.eta_base_days} changed={changed('eta_base_days')} /> days
                </TableCell>
                <TableCell className="tabular-nums">
                  <ConfigValue
                    value={row.config.eta_engagement_shortening_max}
                    changed={changed('eta_engagement_shortening_max')}
                  />{' '}
                  days
                </TableCell>
                <TableCell className="tabular-nums">
                  <ConfigValue
                    value={row.config.min_probability_for_eta}
                    changed={changed('min_probability_for_eta')}
                  />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableScroller>
  );
}

function ForecastSection() {
  const config = useForecastConfig();
  const history = useForecastConfigHistory();
  const save = useSaveForecastConfig();
  let form: ReactNode;
  if (config.data) form = <ForecastConfigForm key={config.data.version} config={config.data} save={save} />;
  else if (config.isError) {
    form = (
      <LoadError
        title="The forecast configuration could not be loaded"
        error={config.error}
        onRetry={() => void config.refetch()}
      />
    );
  } else form = <Skeleton className="h-48 w-full" />;

  let versions: ReactNode;
  if (history.data) versions = <ForecastHistory versions={history.data} />;
  else if (history.isError) {
    versions = (
      <LoadError
        title="The version history could not be loaded"
        error={history.error}
        onRetry={() => void history.refetch()}
      />
    );
  } else {
    versions = (
      <TableSkeleton
        label="Loading the version history…"
        rows={3}
        cells={['h-4 w-16', 'h-4 w-36', 'h-4 w-28', 'h-4 w-10', 'h-4 w-56', 'h-4 w-16', 'h-4 w-16', 'h-4 w-12']}
      />
    );
  }

  return (
    <section aria-labelledby="forecast-config-title" className="flex flex-col gap-4">
      <h2 id="forecast-config-title" className="text-base font-semibold text-foreground-strong">
        Enrolment forecast
      </h2>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Configuration{config.data ? ` · version ${config.data.version}` : ''}</CardTitle>
            <CardDescription>
              The rules forecast turns a lead’s score factors into a probability of enrolling and an ETA.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent>{form}</CardContent>
      </Card>
      <Card className="overflow-hidden">
        <CardHeader>
          <div>
            <CardTitle>Version history</CardTitle>
            <CardDescription>Every saved configuration, newest first; changed values in bold.</CardDescription>
          </div>
        </CardHeader>
        {versions}
      </Card>
    </section>
  );
}

/** Admin: the weights behind triage scores (by hand or by the optimiser) and the forecast's configuration. */
export function TriageSettingsPage() {
  const me = useCurrentUser();
  return (
    <div className="flex flex-col gap-6 p-6">
      <title>Scoring & forecast · Ivy</title>
      <PageHeader
        title="Scoring & forecast"
        description="Tune how leads are scored and how enrolments are forecast. Every change is versioned and audited."
      />
      {me.permissions.includes('system_config') ? (
        <>
          <ScoringWeightsSection />
          <ForecastSection />
        </>
      ) : (
        <Card>
          <EmptyState
            icon={Lock}
            title="Administrators only"
            description="Changing how leads are scored and forecast needs the system configuration permission."
          />
        </Card>
      )}
    </div>
  );
}
