/**
 * A request for disclosure received in December 2026 is due in January 2027,
 * a year whose holiday notice is not loaded yet: its reply due day is
 * provisional (weekends only). Once the year is loaded and the calendar
 * signal reaches the request, the due day is exact, the log says so, and the
 * unit is reminded on the new ladder, not the provisional one.
 */
import { describe, expect, it } from 'vitest';
import { calendarChangedSignal, requestReplyQuery } from '../../contracts/messages';
import type { RequestReplyInput } from '../../domain/request-reply';
import { fixture2027Path } from '../domain/calendar/fixture';
import { eventually } from '../helpers/eventually';
import { testUnit } from '../helpers/obligations';
import { advanceTo } from '../helpers/temporal';
import { createTestWorker } from '../helpers/worker';
import { timeSkippingWorld } from '../helpers/world';

describe('a holiday year loaded while a request for disclosure runs', () => {
  const world = timeSkippingWorld('2026-12-14T10:00:00+08:00');

  it('moves the provisional reply due day of 2027-01-11 to 2027-01-12 and reminds on the new ladder', async () => {
    const { env, mail, bundle } = world;
    const { worker, deps } = await createTestWorker({ env, bundle, mail, taskQueue: 'request-calendar' });
    const request: RequestReplyInput = { requestId: 'request/cal/2026-12-14/test', title: '2026年度财政专项资金分配结果', receivedOn: '2026-12-14', unit: testUnit('cal') };

    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('requestReply', { taskQueue: 'request-calendar', workflowId: request.requestId, args: [request] });
      const deadline = async () => (await handle.query(requestReplyQuery)).deadline;
      // 20 working days, weekends only in 2027: 12-15 … 12-31 are 13, then 01-01, 01-04 … 01-08 and 01-11.
      expect(await eventually('the request to count its reply due day', deadline)).toEqual({ date: '2027-01-11', instant: '2027-01-11T23:59:59.999+08:00', provisional: true });

      // The (fictional) 2027 notice makes 01-01 a holiday: one working day later.
      const { year } = await deps.store.calendar.importYearFile(fixture2027Path);
      await handle.signal(calendarChangedSignal, { year: year.year, version: year.version });
      expect(await eventually('the calendar signal to make the due day exact', deadline, (d) => d?.provisional === false)).toEqual({
        date: '2027-01-12',
        instant: '2027-01-12T23:59:59.999+08:00',
        provisional: false,
      });
      const view = await handle.query(requestReplyQuery);
      expect(view.log.filter((e) => e.kind === 'calendar').map((e) => [e.message, e.at.slice(0, 10)])).toEqual([
        ['节假日安排已更新：答复截止日期由 2027-01-11（暂定） 改为 2027-01-12', '2026-12-14'],
      ]);

      // The notice goes 7 days before the new due day (Tuesday 01-05), not before the old one (Monday 01-04).
      await advanceTo(env, '2027-01-05T10:00:00+08:00');
      expect(mail.received.map((m) => `${String(m.parsed.headers.get('x-duban-key'))} ${m.envelopeTo.join(',')}`)).toEqual([
        'request/cal/2026-12-14/test#cal#notice#2027-01-05T09:00:00.000+08:00 cal@duban.test',
      ]);
    });
  });
});
