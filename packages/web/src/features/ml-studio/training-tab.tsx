import { ArrowRight, LoaderCircle, Lock, Play } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { fieldErrors } from '@/lib/api';
import {
  ALGORITHM_HINTS,
  ALGORITHM_LABELS,
  DEFAULT_TRAINING_FORM,
  formatAuc,
  jobStatusText,
  type TrainingForm,
  trainingBody,
} from './studio-format';
import { Field, LoadError, Notice, ProgressBar } from './studio-parts';
import { MODEL_TYPES, type ModelType, type TrainingJob } from './types';
import { useStartTraining, useTrainingJob } from './use-ml-studio';

const STATUS_TONE: Record<TrainingJob['status'], BadgeTone> = {
  queued: 'outline',
  running: 'info',
  completed: 'success',
  failed: 'danger',
};

/** A checkbox with its own label and, beneath, its hint or the server's error. */
function CheckboxField({
  label,
  hint,
  error,
  checked,
  onChange,
}: {
  label: string;
  hint: string;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <span className="flex items-center gap-2 text-sm font-medium text-foreground-strong">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-describedby={`${id}-message`}
          aria-invalid={error ? true : undefined}
          className="size-4 cursor-pointer accent-primary"
        />
        <label htmlFor={id} className="cursor-pointer">
          {label}
        </label>
      </span>
      <p
        id={`${id}-message`}
        className={error ? 'pl-6 text-xs text-primary-soft-foreground' : 'pl-6 text-xs text-muted-foreground'}
        data-testid={error ? 'field-error' : undefined}
      >
        {error ?? hint}
      </p>
    </div>
  );
}

function TrainingFormCard({ onStarted }: { onStarted: (job: TrainingJob) => void }) {
  const [form, setForm] = useState<TrainingForm>(DEFAULT_TRAINING_FORM);
  const start = useStartTraining();
  const errors = fieldErrors(start.error);
  const set = <K extends keyof TrainingForm>(key: K, value: TrainingForm[K]) => setForm({ ...form, [key]: value });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (start.isPending) return;
    start.mutate(trainingBody(form), { onSuccess: onStarted });
  };

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Train a model</CardTitle>
          <CardDescription>
            On every lead open on the first of each month, labelled by whether it enrolled within a year.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        <form onSubmit={onSubmit} aria-label="Train a model" className="flex flex-col gap-4" noValidate>
          <Field label="Model type" error={errors.model_type} hint={ALGORITHM_HINTS[form.model_type]}>
            {({ id, describedBy, invalid }) => (
              <Select value={form.model_type} onValueChange={(value) => set('model_type', value as ModelType)}>
                <SelectTrigger id={id} aria-describedby={describedBy} aria-invalid={invalid}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {MODEL_TYPES.map((type) => (
                    <SelectItem key={type} value={type}>
                      {ALGORITHM_LABELS[type]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          </Field>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Cross-validation folds"
              error={errors.cross_validation_folds}
              hint="2–10; each person's snapshots stay in one fold"
            >
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  min={2}
                  max={10}
                  value={form.cross_validation_folds}
                  onChange={(event) => set('cross_validation_folds', event.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className="tabular-nums"
                />
              )}
            </Field>
            <Field
              label="Training data limit"
              error={errors.training_data_limit}
              hint="Most recent snapshots to use (100 or more); blank: all"
            >
              {({ id, describedBy, invalid }) => (
                <Input
                  id={id}
                  type="number"
                  inputMode="numeric"
                  min={100}
                  placeholder="All snapshots"
                  value={form.training_data_limit}
                  onChange={(event) => set('training_data_limit', event.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className="tabular-nums"
                />
              )}
            </Field>
          </div>
          <fieldset className="flex flex-col gap-3 rounded-md border border-border bg-[#fafbfc] p-3">
            <legend className="sr-only">Options</legend>
            <CheckboxField
              label="Feature selection"
              hint="Drops features that do not help on held-out people; slower."
              error={errors.feature_selection}
              checked={form.feature_selection}
              onChange={(checked) => set('feature_selection', checked)}
            />
            <CheckboxField
              label="Save the model"
              hint="A saved model joins the registry and can be activated; an unsaved one only reports its metrics."
              error={errors.save_model}
              checked={form.save_model}
              onChange={(checked) => set('save_model', checked)}
            />
          </fieldset>
          <div role="status" aria-live="polite" className="empty:hidden">
            {start.error ? <Notice tone="error">{start.error.message}</Notice> : null}
          </div>
          <div>
            <Button type="submit" disabled={start.isPending}>
              {start.isPending ? (
                <LoaderCircle className="animate-spin" aria-hidden="true" />
              ) : (
                <Play aria-hidden="true" />
              )}
              {start.isPending ? 'Starting…' : 'Start training'}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function JobCard({ jobId }: { jobId: string }) {
  const { data: job, error, refetch } = useTrainingJob(jobId);
  return (
    <Card data-testid="training-job">
      <CardHeader>
        <div>
          <CardTitle>Training job</CardTitle>
          <CardDescription>Checked every second while it runs.</CardDescription>
        </div>
        {job ? (
          <Badge tone={STATUS_TONE[job.status]} data-testid="training-job-status">
            {jobStatusText(job)}
          </Badge>
        ) : null}
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {error && !job ? (
          <LoadError title="Could not load the training job" error={error} onRetry={() => refetch()} />
        ) : !job ? (
          <p className="text-sm text-muted-foreground">Loading the job…</p>
        ) : (
          <>
            <ProgressBar value={job.progress} label="Training progress" />
            <p className="text-sm text-foreground-strong" aria-live="polite" data-testid="training-job-message">
              {job.status === 'failed' ? (job.error ?? 'Training failed') : (job.message ?? 'Waiting to start…')}
            </p>
            {job.status === 'completed' ? <JobResult job={job} /> : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}

function JobResult({ job }: { job: TrainingJob }) {
  const metrics = job.result?.metrics;
  if (job.model_id) {
    return (
      <div className="flex flex-col gap-3">
        <Notice tone="success">The model is registered. Activate it on the Models tab to serve predictions.</Notice>
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <Link to={`?tab=models&model=${job.model_id}`} data-testid="new-model-link">
              View the new model
              <ArrowRight aria-hidden="true" />
            </Link>
          </Button>
          <Button asChild variant="ghost" size="sm">
            <Link to={`?tab=analysis&model=${job.model_id}`}>Analyse it</Link>
          </Button>
        </div>
      </div>
    );
  }
  return (
    <Notice tone="success">
      Trained without saving
      {metrics?.cv_roc_auc !== undefined
        ? `: CV ROC AUC ${formatAuc(metrics.cv_roc_auc, metrics.cv_roc_auc_std)}.`
        : '.'}
    </Notice>
  );
}

/** The Training tab: the form for admins (others are told why not), and the progress of the job it started. */
export function TrainingTab({
  canTrain,
  jobId,
  runningJobId,
  onJobStarted,
}: {
  canTrain: boolean;
  /** The job this page started (from the URL). */
  jobId: string | null;
  /** A job under way that started elsewhere (the first model after start-up, another admin's), shown otherwise. */
  runningJobId: string | null;
  onJobStarted: (jobId: string) => void;
}) {
  const shownJobId = jobId ?? runningJobId;
  if (!canTrain) {
    return (
      <Card>
        <EmptyState
          icon={Lock}
          title="Training is for administrators"
          description="Only administrators can train models and choose which one serves predictions. You can still compare models, try predictions and look at the analysis."
        />
      </Card>
    );
  }
  return (
    <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <TrainingFormCard onStarted={(job) => onJobStarted(job.id)} />
      {shownJobId ? (
        <JobCard key={shownJobId} jobId={shownJobId} />
      ) : (
        <Card>
          <CardContent className="text-sm text-muted-foreground">
            Start a job and its progress appears here. A small training data limit (a few thousand snapshots) trains in
            seconds; the whole history can take a minute or more.
          </CardContent>
        </Card>
      )}
    </div>
  );
}
