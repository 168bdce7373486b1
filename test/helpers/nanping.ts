/**
 * The invented city of 南屏's plan (test/fixtures/plans/nanping-keyless.txt),
 * whose units carry no suffix or key word, and its directory: what each task's
 * units are once the directory's names are read as evidence.
 */
export const NANPING_PLAN = 'test/fixtures/plans/nanping-keyless.txt';
export const NANPING_UNITS = 'test/fixtures/plans/nanping-units.yaml';

export const nanpingTaskUnits: Array<[taskId: string, units: string[]]> = [
  ['1', ['南屏海关']],
  ['2', ['市妇联', '团市委', '市残联']],
  ['3', ['团市委']],
  ['4', []],
  ['5', ['国网南屏供电公司', '南屏海关']],
];
