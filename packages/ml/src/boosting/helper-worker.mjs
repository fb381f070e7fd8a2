// The helper thread of helper.ts: builds its share of histograms and predicts its share of rows. Plain JavaScript
// importing plain JavaScript, so it starts the same under tsx, vitest and the server.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { CONTROL, FAILED, JOB } from './helper-protocol.mjs';
import { accumulate } from './histogram-kernel.mjs';
import { addEnsembleRows } from './predict-kernel.mjs';

const { control: controlBuffer, port } = workerData;
const control = new Int32Array(controlBuffer);
let arrays = null;
let pack = null;
let prediction = null;
const histograms = new Map();

/** Reads the messages posted before the job was raised (postMessage enqueues synchronously). */
function drain() {
  for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
    const message = received.message;
    if (message.kind === 'arrays') arrays = message;
    else if (message.kind === 'pack') pack = message;
    else if (message.kind === 'predict') prediction = message;
    else histograms.set(message.id, message.histogram);
  }
}

function buildHistogram() {
  const [start, end, histogramId, packId, arraysId] = control.subarray(CONTROL.args, CONTROL.args + 5);
  const histogram = histograms.get(histogramId);
  if (arrays?.id !== arraysId || pack?.id !== packId || !histogram) throw new Error('histogram job before its buffers');
  for (const group of pack.groups) {
    if (group.split === group.stride) continue;
    accumulate(
      group.data,
      group.stride,
      group.split,
      group.stride,
      arrays.rows,
      start,
      end,
      arrays.gradients,
      // 3 values per slot (histogram.ts's SLOT_WIDTH).
      histogram.subarray(group.slotBase * 3, (group.slotBase + group.nSlots) * 3),
    );
  }
}

function predict() {
  if (prediction?.id !== control[CONTROL.args]) throw new Error('prediction job before its buffers');
  addEnsembleRows(prediction.ensemble, prediction.columns, prediction.nRows, prediction.out);
  prediction = null;
}

function release() {
  arrays = null;
  pack = null;
  prediction = null;
  histograms.clear();
}

Atomics.store(control, CONTROL.ready, 1);
Atomics.notify(control, CONTROL.ready);
// Jobs come in quick succession during a fit (a node's split search and partition take well under a millisecond),
// and waking a sleeping thread can cost more than a small node's share: spin this long before sleeping.
const SPIN_MS = 2;

/** Whether a job after `seen` was raised within SPIN_MS. */
function spin(seen) {
  const until = performance.now() + SPIN_MS;
  while (performance.now() < until) {
    if (Atomics.load(control, CONTROL.job) !== seen) return true;
  }
  return false;
}

let seen = 0;
for (;;) {
  if (!spin(seen)) Atomics.wait(control, CONTROL.job, seen);
  seen = Atomics.load(control, CONTROL.job);
  // The caller may have done this share itself already, having found the worker slow to wake.
  if (Atomics.compareExchange(control, CONTROL.claimed, seen - 1, seen) !== seen - 1) continue;
  let done = seen;
  try {
    drain();
    const kind = control[CONTROL.kind];
    // A prediction the caller finished alone holds copies of its rows: drop them once another job comes.
    if (kind !== JOB.predict) prediction = null;
    if (kind === JOB.histogram) buildHistogram();
    else if (kind === JOB.predict) predict();
    else release();
  } catch (error) {
    console.error(error);
    done = FAILED;
  }
  Atomics.store(control, CONTROL.done, done);
  Atomics.notify(control, CONTROL.done);
}
