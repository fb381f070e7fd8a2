import { SearchX } from 'lucide-react';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import type { MlHealth } from '@/features/ml/types';
import { isApiError, isNotFound } from '@/lib/api';
import { formatCount, formatDateTime } from '@/lib/format';
import { CalibrationChart, ImportanceChart, RocChart } from './charts';
import { NoModelYet } from './models-tab';
import {
  algorithmLabel,
  calibrationSummary,
  formatAuc,
  importanceBars,
  importanceSummary,
  rocSummary,
} from './studio-format';
import { LoadError, Stat } from './studio-parts';
import type { FeatureAnalysis } from './types';
import { useFeatureAnalysis, useModels } from './use-ml-studio';

const ACTIVE = 'active';
const three = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

function ModelPicker({ modelId, onChange }: { modelId: string | null; onChange: (id: string | null) => void }) {
  const { data: models } = useModels();
  return (
    <div className="flex items-center gap-2">
      <Label htmlFor="analysis-model" className="shrink-0">
        Model
      </Label>
      <Select value={modelId ?? ACTIVE} onValueChange={(value) => onChange(value === ACTIVE ? null : value)}>
        <SelectTrigger id="analysis-model" className="w-80">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ACTIVE}>The active model</SelectItem>
          {models && models.length > 0 ? <SelectSeparator /> : null}
          {(models ?? []).map((model) => (
            <SelectItem key={model.id} value={model.id}>
              {`${algorithmLabel(model.algorithm)} · ${formatDateTime(model.created_at)} · AUC ${formatAuc(model.metrics.cv_roc_auc)}`}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

function Analysis({ analysis }: { analysis: FeatureAnalysis }) {
  const { metrics } = analysis;
  const bars = importanceBars(analysis.feature_importance);
  return (
    <div className="flex flex-col gap-5" data-testid="model-analysis" data-model-id={analysis.model_id}>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6" aria-label="Model quality">
        <Stat
          label="CV ROC AUC"
          value={formatAuc(metrics.cv_roc_auc, metrics.cv_roc_auc_std)}
          hint="Mean and spread over the cross-validation folds"
        />
        <Stat label="PR AUC" value={three.format(metrics.pr_auc)} />
        <Stat label="Brier score" value={three.format(metrics.brier)} hint="Lower is better" />
        <Stat label="Calibration error" value={three.format(metrics.ece)} hint="Lower is better" />
        <Stat label="Log loss" value={three.format(metrics.log_loss)} hint="Lower is better" />
        <Stat
          label="Snapshots · enrolled"
          value={`${formatCount(metrics.rows)} · ${formatCount(metrics.positives)}`}
          hint="Training rows and how many of them enrolled"
        />
      </dl>
      <div className="grid items-start gap-5 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <div>
              <CardTitle>ROC curve</CardTitle>
              <CardDescription>
                Out-of-fold: how many enrolments each cut-off catches against how many others it lets through. Dashed:
                chance.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            {analysis.roc_curve ? (
              <RocChart points={analysis.roc_curve} summary={rocSummary(metrics)} />
            ) : (
              <p className="text-sm text-muted-foreground" data-testid="roc-missing">
                {rocSummary(metrics)} This model was trained before Ivy kept ROC curves; train a new one to see it.
              </p>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Calibration</CardTitle>
              <CardDescription>
                Predicted probability against the share that enrolled, in ten bands. Dashed: perfect calibration.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <CalibrationChart bins={analysis.calibration_curve} summary={calibrationSummary(metrics)} />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Feature importance</CardTitle>
            <CardDescription>
              Each feature&apos;s share of how far it moves the predicted probability, averaged over training leads.
            </CardDescription>
          </div>
          <Badge tone="outline">{analysis.input_features.length} features</Badge>
        </CardHeader>
        <CardContent>
          <ImportanceChart bars={bars} summary={importanceSummary(bars)} />
        </CardContent>
      </Card>
    </div>
  );
}

function AnalysisSkeleton() {
  return (
    <div className="flex flex-col gap-5" aria-busy="true">
      <span className="sr-only" role="status">
        Loading the analysis…
      </span>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Skeleton key={i} className="h-16" />
        ))}
      </div>
      <div className="grid gap-5 xl:grid-cols-2">
        <Skeleton className="h-96" />
        <Skeleton className="h-96" />
      </div>
    </div>
  );
}

/** The Analysis tab: the chosen model's (default: the active one's) quality, ROC curve, calibration and importance. */
export function AnalysisTab({
  modelId,
  onModelChange,
  health,
  canTrain,
}: {
  modelId: string | null;
  onModelChange: (id: string | null) => void;
  health: MlHealth | undefined;
  canTrain: boolean;
}) {
  const { data, error, isPending, refetch } = useFeatureAnalysis(modelId, health?.status === 'training');
  let body: ReactNode;
  if (isPending) body = <AnalysisSkeleton />;
  else if (isApiError(error) && error.status === 409) {
    body = (
      <Card>
        <NoModelYet health={health} canTrain={canTrain} />
      </Card>
    );
  } else if (isNotFound(error)) {
    body = (
      <Card>
        <EmptyState icon={SearchX} title="No such model" description="It may have been removed. Pick another one." />
      </Card>
    );
  } else if (error) {
    body = (
      <Card>
        <LoadError title="Could not load the analysis" error={error} onRetry={() => refetch()} />
      </Card>
    );
  } else {
    body = <Analysis analysis={data} />;
  }
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ModelPicker modelId={modelId} onChange={onModelChange} />
        {data ? (
          <p className="text-xs text-muted-foreground" data-testid="analysis-model">
            {algorithmLabel(data.algorithm)}, trained {formatDateTime(data.trained_at)}
          </p>
        ) : null}
      </div>
      {body}
    </div>
  );
}
