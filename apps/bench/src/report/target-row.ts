/** One row of the targets table: a goal from issue 8, what was measured, and whether it was met. */
export type TargetRow = {
  target: string;
  measured: string;
  /** `undefined`: could not be measured in this run (the reason is in `measured`). */
  met: boolean | undefined;
};
