/**
 * On the dev server (Schedules, visibility, Updates): `duban event …`
 * starts each duty once and says so in its JSON; bad input starts nothing;
 * `duban schedule arrears` creates the Schedule, a second run updates it,
 * and triggering it opens one SME-arrears obligation per unit that pays
 * suppliers, visible under DubanRule = 'smeArrearsDisclosure'.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createCalendar, packageYears, shanghaiDate, shiftDays, yearOf } from '../../domain/calendar';
import { requestReplyDeadlines } from '../../domain/deadlines';
import { eventIds } from '../../domain/event-duties';
import { runDuban } from '../helpers/cli';
import { eventually } from '../helpers/eventually';
import type { TestWorker } from '../helpers/worker';
import { devServerWorld } from '../helpers/world';

const person = (email: string) => ({ email });
const unit = (id: string, name: string, aliases: string[], paysSuppliers?: boolean) => ({
  id,
  name,
  aliases,
  contacts: [person(`${id}@duban.test`)],
  head: person(`${id}-head@duban.test`),
  supervisor: person('ducha@duban.test'),
  ...(paysSuppliers === undefined ? {} : { paysSuppliers }),
});

describe('duban event and duban schedule arrears', () => {
  const world = devServerWorld('duties');
  let env: TestWorkflowEnvironment;
  let testWorker: TestWorker;
  let cliEnv: Record<string, string>;
  let unitsFile: string;

  beforeAll(() => {
    ({ env, testWorker } = world);
    unitsFile = path.join(testWorker.dataDir, 'directory.yaml');
    writeFileSync(
      unitsFile,
      stringify({
        units: [unit('fgj', '市发展和改革局', ['市发改委']), unit('swj', '市商务局', [], true), unit('tjj', '市统计局', ['市统计'], false)],
        groups: [],
      }),
    );
    cliEnv = { TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: 'duties', DUBAN_DATA_DIR: testWorker.dataDir };
  });

  it('starts a feedback disclosure once, by alias, and reports the second as already running', async () => {
    const args = ['event', 'policy-issued', '--unit', '市发改委', '--title', '关于印发《促进消费若干措施》的通知', '--date', '2024-09-27', '--units', unitsFile, '--json'];
    const first = await runDuban(args, cliEnv);
    expect(first.stderr).toBe('');
    const id = eventIds.event('feedbackDisclosure', 'fgj', '2024-09-27', '关于印发《促进消费若干措施》的通知');
    expect(JSON.parse(first.stdout)).toEqual({ workflowId: id, due: '2024-10-16', started: true });
    const second = await runDuban(args, cliEnv);
    expect(JSON.parse(second.stdout)).toEqual({ workflowId: id, due: '2024-10-16', started: false });
    const text = await runDuban(args.slice(0, -1), cliEnv);
    expect(text.stdout).toContain(`已在运行，未重复启动：意见收集采纳情况公开：关于印发《促进消费若干措施》的通知（市发展和改革局），截止 2024-10-16。编号 ${id}`);

    const comment = await runDuban(['event', 'comment-closed', '--unit', 'swj', '--title', '城市更新条例（征求意见稿）', '--date', '2024-09-28', '--units', unitsFile, '--json'], cliEnv);
    expect(JSON.parse(comment.stdout)).toMatchObject({ workflowId: expect.stringMatching(/^comment\/swj\/2024-09-28\//), due: '2024-10-08', started: true });
  });

  it('refuses an unknown unit, a bad date and an empty title in Chinese, starting nothing', async () => {
    const base = ['event', 'policy-issued', '--units', unitsFile];
    const unknown = await runDuban([...base, '--unit', '市发改局', '--title', 'T', '--date', '2024-09-27'], cliEnv);
    expect([unknown.code, unknown.stderr.trim()]).toEqual([1, '错误：单位名录中没有“市发改局”，是否是：市发改委？']);
    const badDate = await runDuban([...base, '--unit', 'fgj', '--title', 'T', '--date', '2024-02-30'], cliEnv);
    expect([badDate.code, badDate.stderr.trim()]).toEqual([1, '错误：--date 应为有效日期（YYYY-MM-DD），收到“2024-02-30”。']);
    const empty = await runDuban([...base, '--unit', 'fgj', '--title', '  ', '--date', '2024-09-27'], cliEnv);
    expect([empty.code, empty.stderr.trim()]).toEqual([1, '错误：--title 不能为空：请写文件或事项的标题。']);
    const noDirectory = await runDuban(['event', 'policy-issued', '--unit', 'fgj', '--title', 'T', '--date', '2024-09-27'], cliEnv);
    expect(noDirectory.code).toBe(1);
    expect(noDirectory.stderr).toContain('还没有当前单位名录');
    // Only the one feedback disclosure the previous test started exists.
    const started = await env.client.workflow.count(`DubanRule = 'feedbackDisclosure'`);
    expect(started.count).toBe(1);
  });

  it('creates the arrears Schedule, updates it on a second run, and a trigger opens the year for units that pay suppliers', async () => {
    const created = await runDuban(['schedule', 'arrears', '--units', unitsFile, '--json'], cliEnv);
    expect(created.stderr).toBe('');
    const year = yearOf(shanghaiDate(Date.now()));
    expect(JSON.parse(created.stdout)).toEqual({ scheduleId: 'sme-arrears', action: 'created', units: 2, nextRun: `${year}-12-31T16:00:00.000Z` });
    const updated = await runDuban(['schedule', 'arrears', '--units', unitsFile, '--json'], cliEnv);
    expect(JSON.parse(updated.stdout)).toMatchObject({ scheduleId: 'sme-arrears', action: 'updated', units: 2 });
    const schedules = [];
    for await (const s of env.client.schedule.list()) schedules.push(s.scheduleId);
    expect(schedules).toEqual(['sme-arrears']);
    const description = await env.client.schedule.getHandle('sme-arrears').describe();
    expect(description.spec.timezone).toBe('Asia/Shanghai');

    await env.client.schedule.getHandle('sme-arrears').trigger();
    const query = `DubanRule = 'smeArrearsDisclosure'`;
    await eventually('an SME-arrears obligation for each of the two paying units', async () => (await env.client.workflow.count(query)).count, (n) => n >= 2);
    const ids: string[] = [];
    for await (const w of env.client.workflow.list({ query })) ids.push(w.workflowId);
    // The unit marked paysSuppliers: false (tjj) owes nothing.
    expect(ids.sort()).toEqual([`sme-arrears/${year}/unit/fgj`, `sme-arrears/${year}/unit/swj`]);
    // The obligation knows its due day once its first activity has answered.
    const handle = env.client.workflow.getHandle(`sme-arrears/${year}/unit/swj`);
    const view = await eventually(
      'the SME-arrears obligation to know its due day',
      () => handle.query<{ units: Array<{ deadline: { date: string } }> }>('obligation'),
      (v) => v.units.length > 0,
    );
    expect(view.units[0]!.deadline.date).toBe(`${year}-03-31`);
  });

  it('a request received two months ago is listed by duban overdue, refuses a late extension, and records the late reply', async () => {
    const today = shanghaiDate(Date.now());
    const receivedOn = shiftDays(today, -60);
    const calendar = createCalendar(packageYears());
    const due = requestReplyDeadlines(calendar, { receivedOn }).replyDue.date;
    const args = ['event', 'request-received', '--unit', '市商务局', '--title', '招商引资协议', '--date', receivedOn, '--applicant', '李某', '--units', unitsFile, '--json'];
    const started = JSON.parse((await runDuban(args, cliEnv)).stdout) as { workflowId: string; due: string; started: boolean };
    expect(started).toEqual({ workflowId: eventIds.request('swj', receivedOn, '招商引资协议', '李某'), due, started: true });
    expect(JSON.parse((await runDuban(args, cliEnv)).stdout)).toMatchObject({ started: false });

    const query = `WorkflowType = 'requestReply' AND DubanOverdueUnits = 'swj'`;
    await eventually('the late request to show as overdue in visibility', async () => (await env.client.workflow.count(query)).count, (n) => n >= 1);
    const overdue = await runDuban(['overdue', '--rule', 'requestReply', '--format', 'json'], cliEnv);
    expect(overdue.code, overdue.stderr).toBe(0);
    const rows = JSON.parse(overdue.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.workflowId, r.unit, r.rule, r.due, r.workingDaysOverdue])).toEqual([
      [started.workflowId, '市商务局', 'requestReply', due, calendar.workingDaysBetween(due, today).count],
    ]);

    // The supervisor who copies the id from the overdue list into `task show` is sent to the right command.
    const asTask = await runDuban(['task', 'show', started.workflowId], cliEnv);
    expect([asTask.code, asTask.stderr.trim()]).toEqual([1, `错误：${started.workflowId} 是依申请公开事项，请用 duban request show ${started.workflowId} 查看。`]);

    const extend = await runDuban(['request', 'extend', started.workflowId, '--days', '10', '--approved-by', '政务公开办主任'], cliEnv);
    expect([extend.code, extend.stderr.trim()]).toEqual([1, `错误：答复期限 ${due} 已过，不能再延长。`]);
    const reply = await runDuban(['request', 'reply', started.workflowId, '--evidence', '〔2026〕第3号答复书', '--json'], cliEnv);
    expect(reply.code, reply.stderr).toBe(0);
    expect((JSON.parse(reply.stdout) as { state: { reply: unknown } }).state.reply).toEqual({
      date: today,
      evidence: ['〔2026〕第3号答复书'],
      late: true,
      workingDaysLate: calendar.workingDaysBetween(due, today).count,
    });
  });

  it('plan start keeps its directory, and event commands use it with no --units', async () => {
    const today = shanghaiDate(Date.now());
    const planFile = path.join(testWorker.dataDir, 'plan.yaml');
    const plan = { id: `dir-${Date.now().toString(36)}`, title: '名录测试计划', issued: today, year: yearOf(today), duties: [], tasks: [{ id: '1', content: '测试任务', responsibleUnits: ['市统计局'], deadline: { kind: 'monthEnd', month: 12 } }] };
    writeFileSync(planFile, stringify(plan));
    const started = await runDuban(['plan', 'start', planFile, '--units', unitsFile, '--json'], cliEnv);
    expect(started.code, started.stderr).toBe(0);
    const event = await runDuban(['event', 'comment-closed', '--unit', '市统计', '--title', '统计调查项目（征求意见稿）', '--date', today, '--json'], cliEnv);
    expect(event.code, event.stderr).toBe(0);
    expect(JSON.parse(event.stdout)).toMatchObject({ workflowId: expect.stringMatching(new RegExp(`^comment/tjj/${today}/`)), started: true });
  });
});
