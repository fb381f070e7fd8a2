import { Worker } from 'node:worker_threads';
import type { TrainedConversionModel, TrainingConfig, TrainingRow } from '@ivy/core';

export type WorkerMessage =
  | { type: 'progress'; fraction: number; message: string }
  | { type: 'result'; model: TrainedConversionModel }
  | { type: 'error'; message: string };

/**
 * Trains off the event loop: the rows go to a worker thread, which reports progress and sends back the trained
 * model, so the API keeps answering while a model trains.
 */
export function trainInWorker(
  rows: readonly TrainingRow[],
  config: TrainingConfig,
  onProgress: (fraction: number, message: string) => void,
): Promise<TrainedConversionModel> {
  const worker = new Worker(new URL('./train-worker.mjs', import.meta.url), { workerData: { rows, config } });
  return new Promise<TrainedConversionModel>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress(message.fraction, message.message);
      else if (message.type === 'result') resolve(message.model);
      else reject(new Error(message.message));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`the training worker stopped (exit code ${code})`)));
  }).finally(() => worker.terminate());
}
