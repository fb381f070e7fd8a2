export const CONTROL: {
  readonly job: number;
  readonly done: number;
  readonly ready: number;
  readonly claimed: number;
  readonly kind: number;
  readonly args: number;
};
export const CONTROL_LENGTH: number;
export const JOB: { readonly histogram: number; readonly predict: number; readonly release: number };
export const FAILED: number;
