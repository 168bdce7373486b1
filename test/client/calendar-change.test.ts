/**
 * Loading next year's holiday notice moves the provisional deadlines of
 * running obligations to exact ones: `duban calendar import` signals them
 * through a server-side batch operation (dev server), and each says so in
 * its log. `duban directory update` reaches them, and running requests for
 * disclosure, the same way.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readUnitsFile } from '../../client/plan-files';
import { projectRoot } from '../../config/env';
import { unitContact } from '../../domain/obligations';
import { directoryChangedSignal, obligationQuery } from '../../contracts/messages';
import type { ObligationInput } from '../../contracts/obligation';
import { startRequest } from '../../contracts/start';
import { shanghaiDate } from '../../domain/calendar';
import type { RequestReplyInput } from '../../domain/request-reply';
import { runDuban } from '../helpers/cli';
import { eventually } from '../helpers/eventually';
import { testUnit } from '../helpers/obligations';
import { uniqueId } from '../helpers/temporal';
import type { TestWorker } from '../helpers/worker';
import { devServerWorld } from '../helpers/world';

describe('a holiday year loaded while obligations run', () => {
  const world = devServerWorld('calendar-change');
  let env: TestWorkflowEnvironment;
  let testWorker: TestWorker;

  beforeAll(() => {
    ({ env, testWorker } = world);
  });

  it('recomputes a provisional 2027 deadline to the exact day once the 2027 notice is imported', async () => {
    const input: ObligationInput = {
      obligationId: uniqueId('feedback/provisional'),
      kind: 'feedbackDisclosure',
      title: '政策文件意见采纳情况公开',
      rule: { kind: 'workingDays', days: 10, from: 'policyIssued' },
      anchorDate: '2026-12-28',
      planYear: 2026,
      units: [testUnit('fgj')],
    };
    const handle = await env.client.workflow.start('obligation', { taskQueue: 'calendar-change', workflowId: input.obligationId, args: [input] });
    const deadlineOf = async () => (await handle.query(obligationQuery)).units[0]?.deadline;
    // Weekends only: 12-29, 12-30, 12-31, 01-01, 01-04 … 01-08, 01-11.
    expect(await eventually('the obligation to compute its deadline', deadlineOf)).toEqual({ date: '2027-01-11', instant: '2027-01-11T23:59:59.999+08:00', provisional: true });

    const imported = await runDuban(['calendar', 'import', path.join(projectRoot, 'test/fixtures/calendar/holidays-2027.fixture.yaml')], {
      DUBAN_DATA_DIR: testWorker.dataDir,
      TEMPORAL_ADDRESS: env.address,
    });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('已通知运行中的督办流程');

    // The fixture declares 2027-01-01 a holiday: one working day fewer before the 11th.
    expect(await eventually('the calendar signal to make the deadline exact', deadlineOf, (d) => d?.provisional === false)).toEqual({ date: '2027-01-12', instant: '2027-01-12T23:59:59.999+08:00', provisional: false });
    const log = (await handle.query(obligationQuery)).log.filter((e) => e.kind === 'calendar');
    expect(log.map((e) => e.message)).toEqual(['节假日安排已更新：fgj单位的截止日期由 2027-01-11（暂定）改为 2027-01-12']);
  });

  it('duban directory update saves the new directory and moves a running obligation to the new contact', async () => {
    const examples = path.join(projectRoot, 'examples/units.yaml');
    const input: ObligationInput = {
      obligationId: uniqueId('plan/dir/task/1'),
      kind: 'planTask',
      title: '公开年度重点工作进展',
      rule: { kind: 'monthEnd', month: 12 },
      anchorDate: '2026-11-02',
      planYear: 2026,
      units: [unitContact(readUnitsFile(examples).unitById('fgj')!)],
    };
    const handle = await env.client.workflow.start('obligation', { taskQueue: 'calendar-change', workflowId: input.obligationId, args: [input] });
    // A request for disclosure of the same unit, running beside it: the change must reach it too.
    const request: RequestReplyInput = { requestId: uniqueId('request/fgj'), title: '招商引资协议', receivedOn: shanghaiDate(Date.now()), unit: input.units[0]! };
    expect(await startRequest(env.client, 'calendar-change', request)).toBe(true);
    const cliEnv = { DUBAN_DATA_DIR: testWorker.dataDir, TEMPORAL_ADDRESS: env.address };

    // A directory with an error changes nothing.
    const broken = path.join(testWorker.dataDir, 'broken-units.yaml');
    writeFileSync(broken, 'units:\n  - id: fgj\n');
    const refused = await runDuban(['directory', 'update', broken], cliEnv);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('无法读取单位名录');
    expect(existsSync(path.join(testWorker.dataDir, 'units.yaml'))).toBe(false);

    const directory = parse(readFileSync(examples, 'utf8')) as { units: Array<{ id: string; contacts: Array<{ name: string; email: string }> }> };
    directory.units.find((u) => u.id === 'fgj')!.contacts = [{ name: '新任政务公开联络员', email: 'fgj.new@duban.test' }];
    const updated = path.join(testWorker.dataDir, 'units-new.yaml');
    writeFileSync(updated, stringify(directory));
    const run = await runDuban(['directory', 'update', updated, '--json'], cliEnv);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ units: directory.units.length, saved: path.join(testWorker.dataDir, 'units.yaml') });
    expect(readFileSync(path.join(testWorker.dataDir, 'units.yaml'), 'utf8')).toContain('fgj.new@duban.test');

    const directoryLog = async () => (await handle.query(obligationQuery)).log.filter((e) => e.kind === 'directory');
    expect((await eventually('the directory change in the obligation\'s log', directoryLog, (log) => log.length > 0)).map((e) => e.recipients)).toEqual([['fgj.new@duban.test', 'fgj.head@duban.test']]);
    const signals = async () =>
      ((await env.client.workflow.getHandle(request.requestId).fetchHistory()).events ?? []).flatMap((e) => e.workflowExecutionSignaledEventAttributes?.signalName ?? []);
    expect(await eventually('the directory change to reach the running request', signals, (names) => names.includes(directoryChangedSignal.name))).toContain(
      directoryChangedSignal.name,
    );
  });
});
