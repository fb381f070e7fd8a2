import { LoaderCircle, Search, Sparkles, TrendingDown, TrendingUp } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { StageBadge } from '@/components/stage-badge';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useCourses } from '@/features/catalogue/use-catalogue';
import { formatPercent } from '@/features/lead/triage-format';
import type { LeadSummary } from '@/features/leads/types';
import type { MlLeadForecast } from '@/features/ml/ml-forecast-api';
import { describeDrivers, formatInterval } from '@/features/ml/ml-format';
import { fieldErrors, isApiError } from '@/lib/api';
import { formatCount, humanize, personName } from '@/lib/format';
import { cn } from '@/lib/utils';
import { SOURCES } from '@/lib/vocabulary';
import { Field, Notice, Stat } from './studio-parts';
import { ENGAGEMENT_FIELDS, type EngagementField, type ForecastRequest, OPEN_STAGES } from './types';
import { useForecast, useLeadSearch } from './use-ml-studio';

type Mode = 'find' | 'describe';
const NONE = 'none';

const TIER_TONE: Record<'high' | 'medium' | 'low', BadgeTone> = { high: 'success', medium: 'info', low: 'warning' };
const MONTHS = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' });
const monthName = (month: number) => MONTHS.format(new Date(Date.UTC(2000, month - 1, 1)));
const factor = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const ENGAGEMENT_LABELS: Record<EngagementField, string> = {
  email_opens: 'E-mails opened',
  email_clicks: 'E-mail clicks',
  web_visits: 'Website visits',
  portal_logins: 'Portal logins',
  events_attended: 'Events attended',
  calls: 'Calls',
  meetings: 'Meetings',
  form_submits: 'Forms submitted',
};

function ModeToggle({ mode, onChange }: { mode: Mode; onChange: (mode: Mode) => void }) {
  const options: { value: Mode; label: string }[] = [
    { value: 'find', label: 'Find a stored lead' },
    { value: 'describe', label: 'Describe a lead' },
  ];
  return (
    <fieldset className="inline-flex w-fit rounded-md border border-input bg-muted p-0.5">
      <legend className="sr-only">Which lead to predict</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className={cn(
            'cursor-pointer rounded-[5px] px-3 py-1.5 text-sm font-medium text-muted-foreground has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring',
            mode === option.value && 'bg-card text-foreground-strong shadow-xs',
          )}
        >
          <input
            type="radio"
            name="prediction-mode"
            value={option.value}
            checked={mode === option.value}
            onChange={() => onChange(option.value)}
            className="sr-only"
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

function LeadFinder({ onPick, picked }: { onPick: (lead: LeadSummary) => void; picked: LeadSummary | null }) {
  const [text, setText] = useState('');
  const search = useLeadSearch(text);
  const results = search.data?.items ?? [];
  return (
    <div className="flex flex-col gap-3">
      <Field label="Search leads" hint="At least two letters of a name or e-mail">
        {({ id, describedBy }) => (
          <div className="relative">
            <Search
              className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
              aria-hidden="true"
            />
            <Input
              id={id}
              type="search"
              value={text}
              onChange={(event) => setText(event.target.value)}
              aria-describedby={describedBy}
              placeholder="e.g. Patel or @gmail.com"
              autoComplete="off"
              className="pl-9"
            />
          </div>
        )}
      </Field>
      {search.error ? <Notice tone="error">{search.error.message}</Notice> : null}
      {text.trim().length >= 2 && search.data && results.length === 0 ? (
        <p className="text-sm text-muted-foreground">No lead matches “{text.trim()}”.</p>
      ) : null}
      {results.length > 0 ? (
        <ul
          aria-label="Matching leads"
          className="flex flex-col divide-y divide-border rounded-md border border-border"
        >
          {results.map((lead) => (
            <li key={lead.id}>
              <button
                type="button"
                onClick={() => onPick(lead)}
                aria-pressed={picked?.id === lead.id}
                data-testid="lead-result"
                className={cn(
                  'flex w-full cursor-pointer items-center justify-between gap-3 px-3 py-2 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring',
                  picked?.id === lead.id && 'bg-info-soft',
                )}
              >
                <span className="min-w-0">
                  <span className="block truncate font-medium text-foreground-strong">{personName(lead)}</span>
                  <span className="block truncate text-xs text-muted-foreground">
                    {[lead.email, lead.course?.name].filter(Boolean).join(' · ') || humanize(lead.source)}
                  </span>
                </span>
                <StageBadge stage={lead.lifecycle_stage} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type Description = {
  email: string;
  phone: string;
  source: string;
  course: string;
  stage: string;
  engagement: Record<EngagementField, string>;
};

const EMPTY_DESCRIPTION: Description = {
  email: '',
  phone: '',
  source: NONE,
  course: NONE,
  stage: 'enquirer',
  engagement: Object.fromEntries(ENGAGEMENT_FIELDS.map((field) => [field, ''])) as Record<EngagementField, string>,
};

/** The forecast body for the typed-in lead: blank fields are left out, so the model treats them as unknown. */
function describedLead(description: Description): ForecastRequest {
  const engagement = Object.fromEntries(
    ENGAGEMENT_FIELDS.flatMap((field) => {
      const text = description.engagement[field].trim();
      return text === '' ? [] : [[field, Number(text)]];
    }),
  );
  return {
    lead_features: {
      ...(description.email.trim() ? { email: description.email.trim() } : {}),
      ...(description.phone.trim() ? { phone: description.phone.trim() } : {}),
      ...(description.source !== NONE ? { source: description.source } : {}),
      ...(description.course !== NONE ? { course_declared: description.course } : {}),
      stage: description.stage as (typeof OPEN_STAGES)[number],
      ...(Object.keys(engagement).length > 0 ? { engagement_data: engagement } : {}),
    },
  };
}

function LeadDescriptionForm({
  onSubmit,
  errors,
  pending,
}: {
  onSubmit: (body: ForecastRequest) => void;
  errors: Record<string, string>;
  pending: boolean;
}) {
  const [description, setDescription] = useState(EMPTY_DESCRIPTION);
  const courses = useCourses();
  const set = (patch: Partial<Description>) => setDescription({ ...description, ...patch });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(describedLead(description));
  };
  return (
    <form onSubmit={submit} aria-label="Describe a lead" className="flex flex-col gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="E-mail" error={errors.email}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="email"
              value={description.email}
              onChange={(event) => set({ email: event.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Phone" error={errors.phone}>
          {({ id, describedBy, invalid }) => (
            <Input
              id={id}
              type="tel"
              value={description.phone}
              onChange={(event) => set({ phone: event.target.value })}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              autoComplete="off"
            />
          )}
        </Field>
        <Field label="Source" error={errors.source}>
          {({ id, describedBy, invalid }) => (
            <Select value={description.source} onValueChange={(source) => set({ source })}>
              <SelectTrigger id={id} aria-describedby={describedBy} aria-invalid={invalid}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>Unknown</SelectItem>
                {SOURCES.map((source) => (
                  <SelectItem key={source} value={source}>
                    {humanize(source)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </Field>
        <Field label="Stage" error={errors.stage}>
          {({ id, describedBy, invalid }) => (
            <Select value={description.stage} onValueChange={(stage) => set({ stage })}>
              <SelectTrigger id={id} aria-describedby={describedBy} aria-invalid={invalid}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {OPEN_STAGES.map((stage) => (
                  <SelectItem key={stage} value={stage}>
                    {humanize(stage)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </Field>
        <Field label="Course" error={errors.course_declared} className="sm:col-span-2">
          {({ id, describedBy, invalid }) => (
            <Select value={description.course} onValueChange={(course) => set({ course })}>
              <SelectTrigger id={id} aria-describedby={describedBy} aria-invalid={invalid}>
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={NONE}>Not declared</SelectItem>
                {(courses.data ?? []).map((course) => (
                  <SelectItem key={course.id} value={course.code}>
                    {`${course.name} (${course.code})`}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        </Field>
      </div>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-xs font-semibold text-foreground-strong">Engagement in the last 90 days</legend>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {ENGAGEMENT_FIELDS.map((field) => (
            <Field key={field} label={ENGAGEMENT_LABELS[field]} error={errors[field]}>
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  placeholder="0"
                  value={description.engagement[field]}
                  onChange={(event) => set({ engagement: { ...description.engagement, [field]: event.target.value } })}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className="tabular-nums"
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <Sparkles aria-hidden="true" />}
          Predict
        </Button>
      </div>
    </form>
  );
}

function ForecastResult({ forecast, subject }: { forecast: MlLeadForecast; subject: string }) {
  const drivers = describeDrivers(
    Object.entries(forecast.feature_importance).map(([feature, contribution]) => ({ feature, contribution })),
  );
  const cohort = forecast.cohort_performance;
  const seasonal = forecast.seasonal_factors;
  return (
    <Card data-testid="forecast-result">
      <CardHeader>
        <div>
          <CardTitle>{subject}</CardTitle>
          <CardDescription>Enrolling within {forecast.horizon_days} days, from the active model.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <div className="flex flex-wrap items-end gap-x-6 gap-y-2">
          <p className="flex flex-col">
            <span className="text-xs text-muted-foreground">Conversion probability</span>
            <span
              className="text-4xl font-semibold text-foreground-strong tabular-nums"
              data-testid="forecast-probability"
            >
              {formatPercent(forecast.conversion_probability)}
            </span>
          </p>
          {forecast.confidence_interval ? (
            <p className="pb-1 text-sm text-muted-foreground">{formatInterval(forecast.confidence_interval)}</p>
          ) : null}
          <p className="flex flex-col pb-1">
            <span className="text-xs text-muted-foreground">Within a year</span>
            <span className="text-sm font-medium text-foreground-strong tabular-nums" data-testid="forecast-year">
              {formatPercent(forecast.probability_within_model_horizon)}
            </span>
          </p>
        </div>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          <Stat
            label="Expected time to enrol"
            value={forecast.eta_days === null ? '—' : `${formatCount(forecast.eta_days)} days`}
          />
          <Stat label="Model confidence" value={formatPercent(forecast.model_confidence)} />
          <Stat
            label="This month vs average"
            value={seasonal ? `×${factor.format(seasonal.current_month_factor)}` : '—'}
            hint={seasonal ? `Next peak: ${monthName(seasonal.next_peak_month)}` : undefined}
          />
        </dl>
        {cohort ? (
          <div className="flex flex-wrap items-center gap-2 rounded-md border border-border bg-[#fafbfc] px-3 py-2 text-sm">
            <span className="font-medium text-foreground-strong">{cohort.cohort}</span>
            <Badge tone={TIER_TONE[cohort.performance_tier]}>{humanize(cohort.performance_tier)} performing</Badge>
            <span className="text-muted-foreground">
              {formatPercent(cohort.similar_leads_conversion_rate)} of {formatCount(cohort.cohort_size)} similar leads
              enrolled
            </span>
          </div>
        ) : null}
        {drivers.length > 0 ? (
          <div>
            <h3 className="mb-2 text-xs font-semibold text-foreground-strong">What moves this prediction</h3>
            <ul className="flex flex-col gap-1.5" data-testid="forecast-drivers">
              {drivers.map((driver) => (
                <li key={driver.label} className="flex items-center gap-2 text-sm">
                  {driver.direction === 'raises' ? (
                    <TrendingUp className="size-4 text-success-strong" aria-hidden="true" />
                  ) : (
                    <TrendingDown className="size-4 text-primary-soft-foreground" aria-hidden="true" />
                  )}
                  <span className="text-foreground-strong">{driver.label}</span>
                  <span className="text-muted-foreground">{driver.direction}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {forecast.notes && forecast.notes.length > 0 ? (
          <ul className="list-disc pl-5 text-xs text-muted-foreground">
            {forecast.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** The Predictions tab: try the active model on a stored lead or on one described by hand. */
export function PredictionsTab() {
  const [mode, setMode] = useState<Mode>('find');
  const [picked, setPicked] = useState<LeadSummary | null>(null);
  const [subject, setSubject] = useState('');
  const forecast = useForecast();
  const errors = fieldErrors(forecast.error);
  const noModel = isApiError(forecast.error) && forecast.error.status === 409;

  const run = (body: ForecastRequest, label: string) => {
    setSubject(label);
    forecast.mutate(body);
  };

  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Try a lead</CardTitle>
            <CardDescription>
              A stored lead is predicted as it is today; a described one as a new enquiry.
            </CardDescription>
          </div>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <ModeToggle
            mode={mode}
            onChange={(next) => {
              setMode(next);
              forecast.reset();
            }}
          />
          {mode === 'find' ? (
            <LeadFinder
              picked={picked}
              onPick={(lead) => {
                setPicked(lead);
                run({ lead_id: lead.id }, personName(lead));
              }}
            />
          ) : (
            <LeadDescriptionForm
              errors={errors}
              pending={forecast.isPending}
              onSubmit={(body) => run(body, 'The lead you described')}
            />
          )}
        </CardContent>
      </Card>
      <div aria-live="polite" className="flex flex-col gap-3">
        {forecast.isPending ? (
          <Card>
            <CardContent className="flex items-center gap-2 text-sm text-muted-foreground">
              <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
              Predicting…
            </CardContent>
          </Card>
        ) : noModel ? (
          <Card>
            <EmptyState icon={Sparkles} title="No model yet" description={forecast.error?.message} />
          </Card>
        ) : forecast.error ? (
          <Notice tone="error">{forecast.error.message}</Notice>
        ) : forecast.data ? (
          <ForecastResult forecast={forecast.data} subject={subject} />
        ) : (
          <Card>
            <EmptyState
              icon={Sparkles}
              title="Pick or describe a lead"
              description="Its probability of enrolling, with an interval, what drives it and how similar leads did."
            />
          </Card>
        )}
      </div>
    </div>
  );
}
