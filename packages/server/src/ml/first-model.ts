import { trainingConfigSchema } from '@ivy/core';
import { createTrainingJob, type Database, hasModelOrPendingTraining } from '@ivy/db';
import { JOBS, type JobQueue } from '../jobs/job-names';
import type { TrainingRequest } from './training-job';

/**
 * On a database with no model and no training under way, queues the training of a first model with the default
 * settings, so predictions appear without anyone opening ML Studio. Returns the queue's job id, or null.
 */
export async function queueFirstModel(database: Database, jobs: JobQueue, now: Date): Promise<string | null> {
  if (await hasModelOrPendingTraining(database.db)) return null;
  const request: TrainingRequest = {
    config: trainingConfigSchema.parse({}),
    training_data_limit: null,
    save_model: true,
  };
  const job = await createTrainingJob(database.db, { config: request, requestedBy: null, now });
  return jobs.send(JOBS.mlTrain, { job_id: job.id });
}
