/**
 * The words of a reminder. Plain text for now; every value comes from the
 * plan or the directory, never from a template a user can edit.
 */
import type { Card, Deadline } from '../domain/accountability';
import { cardText, stepLabel } from '../contracts/labels';
import type { ObligationKind } from '../contracts/obligation';
import type { DigestLinks } from '../mail/digest';
import { EXTENSION_SENTENCE, PROVISIONAL_NOTE, REPORT_SENTENCE, returnedSentence, returnsSentence } from '../mail/sentences';

export interface ReminderRequest {
  /** Stable across retries: the sent-log key and the source of the Message-ID. */
  idempotencyKey: string;
  step: string;
  to: string[];
  cc: string[];
  obligation: { id: string; kind: ObligationKind; title: string; planId?: string; taskId?: string };
  unit: { id: string; name: string; deadline: Deadline; card: Card; returns: number };
  /** For a returned report (step 'returned'): the supervisor's reason. */
  reason?: string;
}

/** `links`, when the web's address and secret are known: the unit's own page, to report or ask for more time from the mail itself. */
export function composeReminder(r: ReminderRequest, links?: DigestLinks): { subject: string; text: string } {
  const subject = `【督办·${stepLabel(r.step)}】${r.unit.name}：${r.obligation.title}（截止 ${r.unit.deadline.date}）`;
  const lines = [
    `${r.unit.name}：`,
    '',
    `事项：${r.obligation.title}`,
    r.obligation.taskId ? `任务编号：${r.obligation.taskId}` : undefined,
    `截止日期：${r.unit.deadline.date}${r.unit.deadline.provisional ? `（${PROVISIONAL_NOTE}）` : ''}`,
    cardText(r.unit.card) ? `督办等级：${cardText(r.unit.card)}` : undefined,
    r.step === 'returned' ? returnedSentence(r.reason) : undefined,
    returnsSentence(r.unit.returns),
    '',
    `${REPORT_SENTENCE}；${EXTENSION_SENTENCE}`,
    links ? `报告完成情况：${links.report(r.unit.id)}` : undefined,
    links ? `申请延期：${links.extend(r.unit.id)}` : undefined,
    '',
    `督办编号：${r.obligation.id}`,
  ];
  return { subject, text: lines.filter((l) => l !== undefined).join('\n') };
}
