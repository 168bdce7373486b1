import { PlanReadError } from '../../../domain/plan/issues';

/** The PlanReadError `f` throws; anything else (or nothing) fails the test. */
export function readError(f: () => unknown): PlanReadError {
  try {
    f();
  } catch (err) {
    if (err instanceof PlanReadError) return err;
    throw err;
  }
  throw new Error('expected a PlanReadError');
}
