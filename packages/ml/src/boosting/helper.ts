import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { CONTROL, CONTROL_LENGTH, FAILED } from './helper-protocol.mjs';

/** The default thread count: the machine's cores, at most 2 (the caller and one helper worker). */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

/** A Float64Array in shared memory, so the helper worker can read or fill it in place. */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

// How long to spin on the worker's answer before sleeping.
const SPIN_MS = 2;
// How long to wait for the worker to start before working on the calling thread alone.
const STARTUP_TIMEOUT_MS = 10_000;

/**
 * The process's one helper worker (helper-worker.mjs), started on first use and unreferenced, so it never keeps the
 * process alive. Buffers reach it once, by message, in shared memory; each job is raised through shared integers it
 * waits on, which costs microseconds instead of a message round trip, and the caller does its own share of the job
 * before waiting for the worker's.
 */
export class Helper {
  private static instance: Helper | undefined;
  private readonly control = new Int32Array(new SharedArrayBuffer(CONTROL_LENGTH * Int32Array.BYTES_PER_ELEMENT));
  private readonly port: MessagePort;
  private jobs = 0;
  private ids = 0;
  private started = false;
  private broken = false;

  private constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const worker = new Worker(new URL('./helper-worker.mjs', import.meta.url), {
      workerData: { control: this.control.buffer, port: port2 },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
  }

  static get(): Helper {
    Helper.instance ??= new Helper();
    return Helper.instance;
  }

  nextId(): number {
    return ++this.ids;
  }

  post(message: object): void {
    this.port.postMessage(message);
  }

  /** Whether the worker is up; the first call waits for it to start (the process cannot hear it until then). */
  ready(): boolean {
    if (!this.started) {
      Atomics.wait(this.control, CONTROL.ready, 0, STARTUP_TIMEOUT_MS);
      this.started = Atomics.load(this.control, CONTROL.ready) === 1;
    }
    return this.started && !this.broken;
  }

  /** Starts a job of `kind` (JOB) with up to five integer arguments; returns its number for `claim` and `await`. */
  raise(kind: number, args: readonly number[]): number {
    const { control } = this;
    control[CONTROL.kind] = kind;
    control.set(args, CONTROL.args);
    const job = ++this.jobs;
    Atomics.store(control, CONTROL.job, job);
    Atomics.notify(control, CONTROL.job);
    return job;
  }

  /**
   * Takes the worker's share of `job` for the caller, if the worker has not taken it yet: true means the caller must
   * do it (and not await). A worker the OS has not scheduled then costs nothing but its share done serially.
   */
  claim(job: number): boolean {
    return Atomics.compareExchange(this.control, CONTROL.claimed, job - 1, job) === job - 1;
  }

  /** Waits for the worker to finish `job` (which it claimed, or which is a release). */
  await(job: number): void {
    const { control } = this;
    // The worker's share usually ends within a fraction of a millisecond of ours: spin before sleeping, as waking a
    // sleeping thread costs more than that.
    const until = performance.now() + SPIN_MS;
    while (performance.now() < until) {
      const done = Atomics.load(control, CONTROL.done);
      if (done === job || done === FAILED) break;
    }
    for (;;) {
      const done = Atomics.load(control, CONTROL.done);
      if (done === job) return;
      if (done === FAILED) {
        this.broken = true;
        throw new Error('the ML helper worker failed (see its error above)');
      }
      Atomics.wait(control, CONTROL.done, done);
    }
  }
}
