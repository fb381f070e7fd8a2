import { BrainCircuit, ChartNoAxesColumn, CircleCheck, LoaderCircle } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableScroller } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import type { MlHealth } from '@/features/ml/types';
import { formatDateTime } from '@/lib/format';
import { cn } from '@/lib/utils';
import { algorithmLabel, compareModels, formatAuc, formatMetric, trainerLabel } from './studio-format';
import { LoadError, Notice, ProgressBar } from './studio-parts';
import type { ModelSummary } from './types';
import { useActivateModel, useModels } from './use-ml-studio';

/** "No model yet": says a first model is training (with its progress) when it is, and offers training to admins. */
export function NoModelYet({ health, canTrain }: { health: MlHealth | undefined; canTrain: boolean }) {
  const training = health?.status === 'training' ? health.training : null;
  return (
    <EmptyState
      icon={BrainCircuit}
      title={training ? 'No model yet — training…' : 'No model yet'}
      description={
        training ? (
          <span className="flex w-72 flex-col gap-2">
            <span>{training.message ?? 'The first model is being trained.'}</span>
            <ProgressBar value={training.progress} label="First model's training progress" />
          </span>
        ) : canTrain ? (
          'Train a model on your own outcomes to see its quality here.'
        ) : (
          'An administrator has not trained a model yet.'
        )
      }
    >
      {canTrain && !training ? (
        <Button asChild>
          <Link to="?tab=training">Train a model</Link>
        </Button>
      ) : null}
    </EmptyState>
  );
}

function Comparison({ models }: { models: ModelSummary[] }) {
  const rows = compareModels(models);
  return (
    <Card data-testid="model-comparison">
      <CardHeader>
        <div>
          <CardTitle>Comparing {models.length} models</CardTitle>
          <CardDescription>Cross-validated on held-out people; the best value of each row is marked.</CardDescription>
        </div>
      </CardHeader>
      <TableScroller>
        <Table aria-label="Model comparison">
          <TableHeader>
            <TableRow>
              <TableHead scope="col">Metric</TableHead>
              {models.map((model) => (
                <TableHead scope="col" key={model.id} className="text-right">
                  <span className="inline-flex items-center gap-1.5">
                    {algorithmLabel(model.algorithm)}
                    {model.active ? <Badge tone="success">Active</Badge> : null}
                  </span>
                  <span className="block font-normal">{formatDateTime(model.created_at)}</span>
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((row) => (
              <TableRow key={row.key}>
                <TableHead scope="row" className="static h-auto bg-card py-2 font-medium text-foreground-strong">
                  {row.label}
                  <span className="block text-xs font-normal text-muted-foreground">
                    {row.hint}
                    {row.better ? ` · ${row.better} is better` : ''}
                  </span>
                </TableHead>
                {row.cells.map((cell, i) => (
                  <TableCell
                    key={models[i]?.id}
                    className={cn('text-right tabular-nums', cell.best && 'font-semibold text-success-strong')}
                    data-best={cell.best || undefined}
                  >
                    {cell.best ? <CircleCheck className="mr-1 inline size-3.5" aria-hidden="true" /> : null}
                    {cell.text}
                    {cell.best ? <span className="sr-only"> (best)</span> : null}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableScroller>
    </Card>
  );
}

function ActivateDialog({ model, onClose }: { model: ModelSummary | null; onClose: () => void }) {
  const activate = useActivateModel();
  return (
    <Dialog
      open={model !== null}
      onOpenChange={(open) => {
        if (!open) {
          activate.reset();
          onClose();
        }
      }}
    >
      <DialogContent>
        <DialogTitle>Activate this model?</DialogTitle>
        <DialogDescription>
          {model
            ? `${algorithmLabel(model.algorithm)}, trained ${formatDateTime(model.created_at)}, CV ROC AUC ${formatAuc(model.metrics.cv_roc_auc)}. `
            : ''}
          Every prediction in Ivy — the Leads table, lead pages and the API — will come from it from now on. The change
          is audited.
        </DialogDescription>
        {activate.error ? <Notice tone="error">{activate.error.message}</Notice> : null}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Cancel</Button>
          </DialogClose>
          <Button
            disabled={activate.isPending || model === null}
            onClick={() => {
              if (model) activate.mutate(model.id, { onSuccess: onClose });
            }}
          >
            {activate.isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
            Activate
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** The Models tab: the registry, choose 2+ to compare them, and (admins) activate one. */
export function ModelsTab({
  canActivate,
  highlightId,
  meId,
  health,
}: {
  canActivate: boolean;
  highlightId: string | null;
  meId: string;
  health: MlHealth | undefined;
}) {
  const { data: models, error, isPending, refetch } = useModels(health?.status === 'training');
  const [selected, setSelected] = useState<string[]>([]);
  const [activating, setActivating] = useState<ModelSummary | null>(null);

  if (isPending) {
    return (
      <Card>
        <TableSkeleton
          label="Loading models…"
          rows={4}
          rowClassName="h-[53px]"
          cells={['h-4 w-4', 'h-4 w-40', 'h-4 w-32', 'h-4 w-16', 'h-4 w-28', 'h-4 w-16', 'h-4 w-16', 'h-4 w-16']}
        />
      </Card>
    );
  }
  if (error) {
    return (
      <Card>
        <LoadError title="Could not load the models" error={error} onRetry={() => refetch()} />
      </Card>
    );
  }
  if (models.length === 0) {
    return (
      <Card>
        <NoModelYet health={health} canTrain={canActivate} />
      </Card>
    );
  }

  const compared = models.filter((model) => selected.includes(model.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current, id] : current.filter((other) => other !== id)));

  return (
    <div className="flex flex-col gap-5">
      <Card>
        <CardHeader>
          <div>
            <CardTitle>Registered models</CardTitle>
            <CardDescription>
              Newest first. Metrics are cross-validated: each fold&apos;s people were unseen by the model scoring them.
            </CardDescription>
          </div>
          <p className="shrink-0 text-xs text-muted-foreground" aria-live="polite" data-testid="compare-hint">
            {compared.length >= 2 ? `${compared.length} selected for comparison` : 'Select two or more to compare'}
          </p>
        </CardHeader>
        <TableScroller>
          <Table aria-label="Models">
            <TableHeader>
              <TableRow>
                <TableHead className="w-10">
                  <span className="sr-only">Compare</span>
                </TableHead>
                <TableHead>Model</TableHead>
                <TableHead>Trained</TableHead>
                <TableHead className="text-right">Snapshots</TableHead>
                <TableHead className="text-right">CV ROC AUC</TableHead>
                <TableHead className="text-right">PR AUC</TableHead>
                <TableHead className="text-right">Brier</TableHead>
                <TableHead className="text-right">ECE</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {models.map((model) => {
                const label = `${algorithmLabel(model.algorithm)}, ${formatDateTime(model.created_at)}`;
                return (
                  <TableRow
                    key={model.id}
                    data-testid="model-row"
                    data-model-id={model.id}
                    data-state={selected.includes(model.id) ? 'selected' : undefined}
                    className={cn(model.id === highlightId && 'bg-info-soft/60')}
                  >
                    <TableCell>
                      <input
                        type="checkbox"
                        className="size-4 cursor-pointer accent-primary"
                        checked={selected.includes(model.id)}
                        onChange={(event) => toggle(model.id, event.target.checked)}
                        aria-label={`Compare ${label}`}
                      />
                    </TableCell>
                    <TableCell>
                      <span className="flex items-center gap-2 font-medium text-foreground-strong">
                        {algorithmLabel(model.algorithm)}
                        {model.active ? (
                          <Badge tone="success" data-testid="active-badge">
                            <CircleCheck aria-hidden="true" />
                            Active
                          </Badge>
                        ) : null}
                        {model.id === highlightId && !model.active ? <Badge tone="info">New</Badge> : null}
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {model.input_features.length} features · {model.metrics.folds} folds
                      </span>
                    </TableCell>
                    <TableCell>
                      <span className="block whitespace-nowrap">{formatDateTime(model.created_at)}</span>
                      <span className="text-xs text-muted-foreground">{trainerLabel(model, meId)}</span>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatMetric(model.metrics, 'rows')}</TableCell>
                    <TableCell
                      className="text-right font-medium whitespace-nowrap tabular-nums"
                      data-testid="model-auc"
                    >
                      {formatAuc(model.metrics.cv_roc_auc, model.metrics.cv_roc_auc_std)}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatMetric(model.metrics, 'pr_auc')}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatMetric(model.metrics, 'brier')}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatMetric(model.metrics, 'ece')}</TableCell>
                    <TableCell>
                      <span className="flex justify-end gap-2">
                        <Button asChild variant="ghost" size="sm">
                          <Link to={`?tab=analysis&model=${model.id}`} aria-label={`Analyse ${label}`}>
                            <ChartNoAxesColumn aria-hidden="true" />
                            Analyse
                          </Link>
                        </Button>
                        {canActivate && !model.active ? (
                          <Button
                            variant="outline"
                            size="sm"
                            onClick={() => setActivating(model)}
                            aria-label={`Activate ${label}`}
                          >
                            Activate
                          </Button>
                        ) : null}
                      </span>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableScroller>
      </Card>
      {compared.length >= 2 ? <Comparison models={compared} /> : null}
      {canActivate ? <ActivateDialog model={activating} onClose={() => setActivating(null)} /> : null}
    </div>
  );
}
