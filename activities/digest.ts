/**
 * Morning digests, the activity side: handing a step over to the digests of
 * its recipients (signal-with-start, so the first hand-over of the day starts
 * the digest), and sending one digest once: recipients looked up in the
 * current directory when it goes, the sent-log keyed by its content, a
 * permanent refusal recorded rather than retried.
 */
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import { digestWorkflowId, type DeliveryProblem, type DigestItem, type DigestRecipient } from '../contracts/digest';
import { digestItemsSignal, digestWithdrawSignal } from '../contracts/messages';
import { workingDaysLate } from '../domain/deadlines';
import { digestMoment, type DigestMoment } from '../domain/digest';
import { unitContact } from '../domain/obligations';
import { readDirectoryYaml, type UnitIndex } from '../domain/plan/units';
import type { Store } from '../store';
import { composeDigest, type DigestLinks } from '../mail/digest';
import { RobotSendError, sendToRobot, type Robot } from '../mail/robots';
import { digest } from '../workflows/digest';
import { sendOnce } from './send-once';

export interface DigestDeps {
  temporal: Client;
  taskQueue: string;
  mailer: Transporter;
  mailFrom: string;
  store: Pick<Store, 'calendar' | 'directory' | 'sentLog'>;
  /** Signed links to a unit's page, when the web server's address and secret are known. */
  links?: DigestLinks;
  /** The admin's address for delivery problems (DUBAN_ADMIN_EMAIL). */
  adminAddress?: string;
}

/** A syntactically usable address: something@domain.tld, nothing that could break a header. */
const ADDRESS = /^[^\s@<>,;"\r\n]+@[^\s@<>,;"\r\n]+\.[^\s@<>,;"\r\n]+$/;

export function createDigestActivities(deps: DigestDeps) {
  // A 09:00 burst sends a digest per unit: the directory is read from the store each time (it may have changed),
  // but parsed and validated once per version (a 1,000-unit directory takes 0.1-0.4 s to validate).
  let parsed: { yaml: string; index: UnitIndex } | undefined;
  const currentDirectory = (yaml: string): UnitIndex => {
    if (parsed?.yaml !== yaml) parsed = { yaml, index: readDirectoryYaml(yaml, 'units.yaml') };
    return parsed.index;
  };
  return {
    /**
     * Hands one step to each recipient's digest of the morning it belongs to.
     * Returns that morning, for the task's log. Retried safely: a digest keeps an item once per key.
     */
    async handToDigests(input: { item: DigestItem; recipients: DigestRecipient[]; immediate?: boolean; now: string }): Promise<{ date: string; sendAt: string; digests: string[] }> {
      // `now` is the workflow's time of the hand-over, not this process's clock: a retry lands in the same digest.
      const moment = digestMoment(await deps.store.calendar.current(), input.item.at, input.now, { immediate: input.immediate });
      const digests: string[] = [];
      for (const recipient of input.recipients) {
        digests.push(await handTo(recipient, moment, [input.item]));
      }
      return { ...moment, digests };
    },

    /** The unit no longer owes: its items leave the digests that have not gone yet. */
    async withdrawFromDigests(input: { keys: string[]; digests: string[] }): Promise<void> {
      for (const workflowId of input.digests) {
        await deps.temporal.workflow
          .getHandle(workflowId)
          .signal(digestWithdrawSignal, { keys: input.keys })
          .catch(() => undefined); // already sent and closed: nothing to withdraw from
      }
    },

    /** Sends one digest by mail and to the unit's group robots; `sent: false` when nobody could be reached (the problems say why). */
    async sendDigest(input: { recipient: DigestRecipient; date: string; items: DigestItem[]; now: string }): Promise<{ sent: boolean; messageId?: string; to: string[]; problems: DeliveryProblem[] }> {
      const digestId = digestWorkflowId(input.recipient, input.date);
      const problems: DeliveryProblem[] = [];
      const { to, cc, robots } = await addressesOf(input.recipient, input.items, digestId, problems);
      const steps = input.items.filter((i) => !i.problem);
      const composed = composeDigest({
        recipient: input.recipient,
        date: input.date,
        items: await withLateness(steps),
        taskTexts: Object.fromEntries(steps.flatMap((i) => (i.obligation.text ? [[i.obligation.id, i.obligation.text]] : []))),
        links: input.recipient.kind === 'unit' ? deps.links : undefined,
        problems: input.items.flatMap((i) => (i.problem ? [i.problem] : [])),
      });
      // The same items for the same recipient and morning are one mail, however often the activity is retried.
      const key = `${digestId}#${createHash('sha256').update(input.items.map((i) => i.key).sort().join('\n')).digest('hex').slice(0, 16)}`;
      let messageId: string | undefined;
      if (to.length > 0) {
        const outcome = await sendOnce(deps.store.sentLog, key, async () => {
          const id = `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@duban>`;
          try {
            const { subject, text, html } = composed;
            const info = await deps.mailer.sendMail({ from: deps.mailFrom, to, cc: cc.length > 0 ? cc : undefined, subject, text, html, messageId: id, headers: { 'X-Duban-Key': key } });
            // Some recipients refused for good, the others took it: the mail went, the refusals are recorded.
            for (const address of (info.rejected ?? []).map(String)) problems.push(refusal(input.recipient, digestId, address, String(info.response ?? 'rejected')));
            return { messageId: id, recipients: [...to, ...cc] };
          } catch (err) {
            const code = (err as { responseCode?: number }).responseCode;
            // 5xx: the relay will not take it, now or later: recorded, not retried. Anything else: the activity retries.
            if (code === undefined || code < 500) throw err;
            for (const address of [...to, ...cc]) problems.push(refusal(input.recipient, digestId, address, (err as Error).message));
            return undefined;
          }
        });
        messageId = outcome?.record.messageId;
      }
      let robotsTook = false;
      for (const [i, robot] of robots.entries()) {
        try {
          const outcome = await sendOnce(deps.store.sentLog, `${key}#robot${i}`, async () => {
            await sendToRobot(robot, composed);
            return { messageId: `${key}#robot${i}`, recipients: [new URL(robot.url).host] };
          });
          robotsTook ||= outcome !== undefined;
        } catch (err) {
          // A robot that refuses for good (wrong key, bad signature) is a problem to fix; one that is down is waited out.
          if (!(err instanceof RobotSendError && err.permanent)) throw err;
          problems.push(refusal(input.recipient, digestId, `${robot.kind}:${new URL(robot.url).host}`, err.message));
        }
      }
      if (problems.length > 0) await tellAdmin(input, digestId, problems);
      return { sent: messageId !== undefined || robotsTook, ...(messageId ? { messageId } : {}), to, problems };
    },
  };

  /** Delivery problems go to the admin's own digest (DUBAN_ADMIN_EMAIL), at once on a working day. */
  async function tellAdmin(input: { recipient: DigestRecipient; items: DigestItem[]; now: string }, digestId: string, problems: DeliveryProblem[]): Promise<void> {
    const admin = deps.adminAddress;
    if (!admin || (input.recipient.kind === 'person' && input.recipient.role === 'admin')) return;
    const about = input.items[0]!;
    // The digest workflow's time, not this process's clock: a retry tells the same admin digest.
    const { now } = input;
    const items: DigestItem[] = problems.map((problem) => ({
      ...about,
      key: `${digestId}#problem#${problem.kind}#${problem.address ?? problem.unitId ?? ''}`,
      step: 'deliveryProblem',
      at: now,
      problem,
    }));
    const recipient: DigestRecipient = { kind: 'person', address: admin, role: 'admin' };
    const moment = digestMoment(await deps.store.calendar.current(), now, now, { immediate: true });
    await handTo(recipient, moment, items);
  }

  /** Adds items to the recipient's digest of that morning, starting it if it is the first hand-over. Returns its workflow id. */
  async function handTo(recipient: DigestRecipient, moment: DigestMoment, items: DigestItem[]): Promise<string> {
    const workflowId = digestWorkflowId(recipient, moment.date);
    await deps.temporal.workflow.signalWithStart(digest, {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [{ recipient, date: moment.date, sendAt: moment.sendAt }],
      signal: digestItemsSignal,
      signalArgs: [{ items }],
    });
    return workflowId;
  }

  /** Working days past the deadline when each step was reached, from the calendar in force now. */
  async function withLateness(items: DigestItem[]): Promise<DigestItem[]> {
    const calendar = await deps.store.calendar.current();
    return items.map((item) => ({ ...item, workingDaysLate: workingDaysLate(calendar, item.deadline.instant, item.at) }));
  }

  /** A unit's contact (its head in cc when an item says so) from the directory in force now; a person's own address. */
  async function addressesOf(recipient: DigestRecipient, items: DigestItem[], digestId: string, problems: DeliveryProblem[]): Promise<{ to: string[]; cc: string[]; robots: Robot[] }> {
    const check = (addresses: string[], unit?: { unitId: string; unitName: string }) =>
      addresses.filter((address) => {
        if (ADDRESS.test(address)) return true;
        problems.push({ kind: 'badAddress', ...unit, address, detail: '邮箱地址格式不正确', digestId });
        return false;
      });
    if (recipient.kind === 'person') return { to: check([recipient.address]), cc: [], robots: [] };
    const unitRef = { unitId: recipient.unitId, unitName: recipient.unitName };
    const yaml = await deps.store.directory.load();
    const found = yaml === undefined ? undefined : currentDirectory(yaml).unitById(recipient.unitId);
    const unit = found && unitContact(found);
    const contact = unit ? check(unit.contact, unitRef) : [];
    const robots = found?.robots ?? [];
    if (contact.length === 0) {
      problems.push({ kind: 'noAddress', ...unitRef, detail: unit ? '单位名录中该单位没有可用的联系人邮箱' : '当前单位名录中没有该单位', digestId });
      return { to: [], cc: [], robots };
    }
    const head = items.some((i) => i.toHead) && unit ? check(unit.head, unitRef).filter((a) => !contact.includes(a)) : [];
    return { to: [...new Set(contact)], cc: [...new Set(head)], robots };
  }
}

function refusal(recipient: DigestRecipient, digestId: string, address: string, detail: string): DeliveryProblem {
  return {
    kind: 'refused',
    ...(recipient.kind === 'unit' ? { unitId: recipient.unitId, unitName: recipient.unitName } : {}),
    address,
    detail: detail.replace(/[\r\n]+/g, ' ').slice(0, 300),
    digestId,
  };
}

