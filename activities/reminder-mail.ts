/**
 * The words of a reminder. Plain text for now; every value comes from the
 * plan or the directory, never from a template a user can edit.
 */
import type { Card, Deadline } from '../domain/accountability';
import { cardText, stepLabel } from '../contracts/labels';
import type { ObligationKind } from '../contracts/obligation';

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

export function composeReminder(r: ReminderRequest): { subject: string; text: string } {
  const subject = `【督办·${stepLabel(r.step)}】${r.unit.name}：${r.obligation.title}（截止 ${r.unit.deadline.date}）`;
  const lines = [
    `${r.unit.name}：`,
    '',
    `事项：${r.obligation.title}`,
    r.obligation.taskId ? `任务编号：${r.obligation.taskId}` : undefined,
    `截止日期：${r.unit.deadline.date}${r.unit.deadline.provisional ? '（暂定：当年节假日安排尚未发布，发布后将重新计算并通知）' : ''}`,
    cardText(r.unit.card) ? `督办等级：${cardText(r.unit.card)}` : undefined,
    r.step === 'returned' ? `报送的完成情况已被退回，理由：${r.reason ?? '（未写明）'}` : undefined,
    r.unit.returns > 0 ? `此前报送的完成情况已被退回 ${r.unit.returns} 次，请按要求补充后重新报告。` : undefined,
    '',
    '请按期办理，并附佐证材料（如公开网址）报告完成情况；确需延期的，请在截止日期前提出申请，写明理由、新的完成日期和目前进展。',
    '',
    `督办编号：${r.obligation.id}`,
  ];
  return { subject, text: lines.filter((l) => l !== undefined).join('\n') };
}
