// The worker's workflowsPath: every workflow type duban runs.
export { deadlineNotice } from './deadline-notice';
export { obligation } from './obligation';
export { planStart } from './plan-start';
export { requestReply } from './request-reply';
export { smeArrearsYear } from './sme-arrears-year';
export { digest } from './digest';
