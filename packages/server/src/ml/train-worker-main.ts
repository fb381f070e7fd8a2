import { parentPort, workerData } from 'node:worker_threads';
import { type TrainingConfig, type TrainingRow, trainConversionModel } from '@ivy/core';
import type { WorkerMessage } from './train-in-worker';

const port = parentPort;
if (!port) throw new Error('train-worker-main runs only as a worker thread');
const { rows, config } = workerData as { rows: TrainingRow[]; config: TrainingConfig };
try {
  const model = trainConversionModel(rows, config, (fraction, message) =>
    port.postMessage({ type: 'progress', fraction, message } satisfies WorkerMessage),
  );
  port.postMessage({ type: 'result', model } satisfies WorkerMessage);
} catch (error) {
  port.postMessage({
    type: 'error',
    message: error instanceof Error ? error.message : String(error),
  } satisfies WorkerMessage);
}
