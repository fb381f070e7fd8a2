// Shared by helper.ts and helper-worker.mjs: which Int32 of the control buffer holds what.
/**
 * `job` is the last job raised, `claimed` the last job someone took: the worker or, when the worker has not woken up
 * by the time the caller is done with its own share, the caller itself. Whoever moves `claimed` from job − 1 to job
 * does the job's worker share; the worker reports it in `done`.
 */
export const CONTROL = { job: 0, done: 1, ready: 2, claimed: 3, kind: 4, args: 5 };
export const CONTROL_LENGTH = 10;
/**
 * Job kinds. A histogram job's args: start, end, histogram id, pack id, arrays id. A prediction's: its id. A release
 * (no args) drops every buffer the worker holds, so a finished fit's memory can be collected.
 */
export const JOB = { histogram: 0, predict: 1, release: 2 };
/** Written to `done` when the worker's share threw. */
export const FAILED = -1;
