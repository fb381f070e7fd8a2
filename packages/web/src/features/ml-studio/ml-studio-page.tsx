import { BrainCircuit, ChartSpline, Dumbbell, Lock, Sparkles, TableProperties } from 'lucide-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/app/page-header';
import { useCurrentUser } from '@/app/require-auth';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { describeHealth } from '@/features/ml/ml-format';
import { useMlHealth } from '@/features/ml/use-ml';
import { AnalysisTab } from './analysis-tab';
import { ModelsTab } from './models-tab';
import { PredictionsTab } from './predictions-tab';
import { Tabs, TabsContent, TabsList, TabsTrigger } from './studio-tabs';
import { TrainingTab } from './training-tab';

const TABS = ['training', 'models', 'predictions', 'analysis'] as const;
type Tab = (typeof TABS)[number];
const DEFAULT_TAB: Tab = 'models';

const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);

/**
 * ML Studio (seed phase 4.2): train conversion models, compare and activate them, try one on a lead, and see what
 * drives it. The tab, the model looked at and the job followed live in the URL, so each view can be shared.
 */
export function MlStudioPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const canView = me.permissions.includes('ai_analytics');
  const canTrain = me.permissions.includes('ai_model_training');
  const health = useMlHealth(canView);

  const requested = params.get('tab');
  const tab: Tab = isTab(requested) ? requested : DEFAULT_TAB;
  const modelId = params.get('model');
  const jobId = params.get('job');

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  if (!canView) {
    return (
      <div className="flex flex-col gap-6 p-6">
        <title>ML Studio · Ivy</title>
        <PageHeader title="ML Studio" />
        <Card>
          <EmptyState
            icon={Lock}
            title="ML Studio is for managers and administrators"
            description="Looking at conversion models needs the ai_analytics permission."
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-5 p-6">
      <title>ML Studio · Ivy</title>
      <PageHeader
        title="ML Studio"
        description="Conversion models trained on your own enrolment outcomes: how good they are, and which one serves predictions."
        actions={
          health.data ? (
            <Badge tone={health.data.status === 'ready' ? 'success' : 'outline'} data-testid="studio-model-status">
              <BrainCircuit aria-hidden="true" />
              {describeHealth(health.data)}
            </Badge>
          ) : null
        }
      />
      <Tabs value={tab} onValueChange={(value) => update({ tab: value })}>
        <TabsList aria-label="ML Studio">
          <TabsTrigger value="training">
            <Dumbbell aria-hidden="true" />
            Training
          </TabsTrigger>
          <TabsTrigger value="models">
            <TableProperties aria-hidden="true" />
            Models
          </TabsTrigger>
          <TabsTrigger value="predictions">
            <Sparkles aria-hidden="true" />
            Predictions
          </TabsTrigger>
          <TabsTrigger value="analysis">
            <ChartSpline aria-hidden="true" />
            Analysis
          </TabsTrigger>
        </TabsList>
        <TabsContent value="training">
          <TrainingTab
            canTrain={canTrain}
            jobId={jobId}
            runningJobId={health.data?.training?.job_id ?? null}
            onJobStarted={(id) => update({ job: id })}
          />
        </TabsContent>
        <TabsContent value="models">
          <ModelsTab canActivate={canTrain} highlightId={modelId} meId={me.id} health={health.data} />
        </TabsContent>
        <TabsContent value="predictions">
          <PredictionsTab />
        </TabsContent>
        <TabsContent value="analysis">
          <AnalysisTab
            modelId={modelId}
            onModelChange={(id) => update({ model: id })}
            health={health.data}
            canTrain={canTrain}
          />
        </TabsContent>
      </Tabs>
    </div>
  );
}
