/**
 * A plan's problems as the web says them. The readers (domain/plan/draft.ts)
 * tell the CLI's user which option to give (`请用 --issued YYYY-MM-DD 指定`);
 * on the web the same thing is a field of the upload form on /admin, so
 * those issues name the field instead. The CLI's wording stays as it is.
 */
import type { PlanIssue } from '../../domain/plan/issues';

/** The /admin plan form's field for each reader option (client/web/pages.tsx AdminPage). */
const FORM_FIELDS: Record<string, string> = { issued: '印发日期', year: '年度', id: '计划编号' };

/** `请用 --issued YYYY-MM-DD 指定`, `请用 --year 指定`, `请用 --year 核对`: the readers' hints (plan.issuedMissing, plan.yearMissing, plan.yearAssumed). */
const OPTION_HINT = /请用 --(issued|year|id)(?: YYYY-MM-DD)? (指定|核对)/g;

export function webIssue(i: PlanIssue): PlanIssue {
  const message = i.message.replace(OPTION_HINT, (_, option: string, verb: string) => {
    const field = `上传表单的“${FORM_FIELDS[option]}”一栏`;
    return verb === '指定' ? `请在${field}填写后重新上传` : `请核对，如有误，在${field}填写后重新上传`;
  });
  return message === i.message ? i : { ...i, message };
}
