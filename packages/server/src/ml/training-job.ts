import type { TrainingConfig } from '@ivy/core';
import {
  completeUnsavedTraining,
  type Database,
  failTrainingJob,
  registerTrainedModel,
  reportTrainingProgress,
  startTrainingJob,
  type TrainingSet,
  trainingJob,
  trainingSnapshots,
} from '@ivy/db';
import { trainInWorker } from './train-in-worker';

/**
 * What a model predicts: enrolment within this many days of the day it looks at a lead. A year reaches the next
 * September intake from any day of the cycle; a shorter horizon would mostly learn the calendar (in November no one
 * enrols within six months) and tell officers nothing about the lead.
 */
export const PREDICTION_HORIZON_DAYS = 365;
/**
 * Rows a training uses unless the request says otherwise: the newest monthly snapshots first. Beyond this, more
 * history adds little for a model of this size and costs minutes.
 */
export const DEFAULT_TRAINING_ROW_LIMIT = 100_000;
/** Progress is written at most this often: the job row is read by people polling it, not a log. */
const PROGRESS_INTERVAL_MS = 1000;

/** What POST /ai/advanced-ml/train stores on the job, validated before the job is queued. */
export type TrainingRequest = { config: TrainingConfig; training_data_limit: number | null; save_model: boolean };

/**
 * Runs one queued training job end to end: reads the training rows (point-in-time snapshots, and people imported
 * with their outcome as they were recorded), trains in a worker thread while reporting progress, and registers the
 * model and completes the job in one transaction. Any failure marks the job failed with its message; nothing is
 * registered.
 */
export async function runTrainingJob(database: Database, jobId: string, now: () => Date = () => new Date()) {
  const { db } = database;
  const job = await trainingJob(db, jobId);
  if (job?.status !== 'queued') return;
  await startTrainingJob(db, jobId, now());
  try {
    const request = job.config as TrainingRequest;
    await reportTrainingProgress(db, jobId, 0.02, 'Reading leads as they were before their outcome', now());
    const set = await trainingSnapshots(db, {
      now: now(),
      horizonDays: PREDICTION_HORIZON_DAYS,
      limit: request.training_data_limit ?? DEFAULT_TRAINING_ROW_LIMIT,
    });
    await reportTrainingProgress(db, jobId, 0.1, trainingSetDescription(set), now());
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const model = await trainInWorker(set.rows, request.config, (fraction, message) => {
      if (performance.now() - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = performance.now();
      writing = writing.then(() => reportTrainingProgress(db, jobId, 0.1 + 0.85 * fraction, message, now()));
    });
    await writing;
    if (!request.save_model) {
      await completeUnsavedTraining(db, jobId, model, now());
      return;
    }
    await registerTrainedModel(db, {
      jobId,
      model,
      window: set.window,
      trainedBy: job.requested_by,
      activate: false,
      audit: { actor: { id: job.requested_by, label: 'training job' }, at: now() },
    });
  } catch (error) {
    await failTrainingJob(db, jobId, error instanceof Error ? error.message : String(error), now());
  }
}

function trainingSetDescription({ rows, snapshots, recorded }: TrainingSet): string {
  const count = (n: number) => n.toLocaleString('en-GB');
  const parts = [
    ...(snapshots > 0 ? [`${count(rows.length - recorded)} lead snapshots from ${snapshots} months`] : []),
    ...(recorded > 0 ? [`${count(recorded)} people imported with their outcome`] : []),
  ];
  return parts.length ? `Training on ${parts.join(' and ')}` : 'Training on no leads with a known outcome';
}
