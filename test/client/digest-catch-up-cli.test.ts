/**
 * A plan started late through the real `duban plan start`, on the dev
 * server: every step of the 2025 fixture plan has long been due, so each
 * unit is owed its red cards at once. They reach people as one catch-up
 * digest per unit and one roll-up each for the supervisor and the leader
 * they share, not one mail per task.
 *
 * The dev server runs on the wall clock, so when the digests go depends on
 * when the test runs: at once on a working day after 09:00 (Asia/Shanghai),
 * otherwise the next working morning. The test computes that moment with
 * domain/digest.ts and asserts what it implies: the mails, or the digests
 * waiting for their morning and nothing sent. The fixed-clock run of the
 * same path is test/workflows/digest-catch-up.test.ts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../config/env';
import { createCalendar, packageYears } from '../../domain/calendar';
import { digestMoment } from '../../domain/digest';
import { runDuban } from '../helpers/cli';
import { catchUpDirectoryYaml, catchUpUnits, digestKeyOf } from '../helpers/digests';
import { eventually } from '../helpers/eventually';
import { devServerWorld } from '../helpers/world';

const QUEUE = 'digest-catch-up-cli';
const PLAN = path.join(projectRoot, 'test/fixtures/plans/numbered-with-units.txt');

describe('a plan started late through duban plan start', { timeout: 300_000 }, () => {
  const world = devServerWorld(QUEUE);

  it('gives one catch-up digest per unit and one roll-up each to the shared supervisor and leader', async () => {
    const { env, mail, testWorker } = world;
    const unitsFile = path.join(testWorker.dataDir, 'units.yaml');
    writeFileSync(unitsFile, catchUpDirectoryYaml);
    // The CLI keeps the directory in DUBAN_DATA_DIR; the worker's store is that folder, so it reads the same directory.
    const cliEnv = { TEMPORAL_ADDRESS: env.address, DUBAN_TASK_QUEUE: QUEUE, DUBAN_DATA_DIR: testWorker.dataDir, DUBAN_DELIVERY: 'digest' };

    const out = await runDuban(['plan', 'start', PLAN, '--units', unitsFile, '--json'], cliEnv);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    // Five tasks of the 2025 plan and each of its five units' breakdown submissions.
    expect(JSON.parse(out.stdout)).toEqual({ planId: expect.any(String), started: 10, alreadyRunning: 0 });

    // Every step was reached in 2025; when it goes follows from now alone.
    const moment = digestMoment(createCalendar(packageYears()), '2025-12-31T00:00:00+08:00', Date.now());
    const expected = [
      ...catchUpUnits.map((u) => `digest/unit:${u.id}/${moment.date}`),
      `digest/person:ducha@duban.test/${moment.date}`,
      `digest/person:leaders@duban.test/${moment.date}`,
    ].sort();

    // Each digest exists, started by the obligations' hand-overs, whatever the hour.
    const running = await eventually(
      'a digest workflow for each unit, the supervisor and the leader',
      async () => {
        const ids: string[] = [];
        for await (const w of env.client.workflow.list({ query: `WorkflowType = 'digest'` })) ids.push(w.workflowId);
        return ids.sort();
      },
      (ids) => ids.length >= expected.length,
      { timeoutMs: 90_000 },
    );
    expect(running).toEqual(expected);

    const goesNow = Date.parse(moment.sendAt) <= Date.now() + 60_000;
    if (!goesNow) {
      // A rest day, or before 09:00: they wait for their morning, and nothing has gone meanwhile.
      console.log(`digest catch-up: run at ${new Date().toISOString()}, the digests go at ${moment.sendAt}; asserting they wait`);
      expect(mail.received).toHaveLength(0);
      return;
    }
    // A working day after 09:00: the catch-up goes now, once the hand-overs have been quiet for 30 s.
    await mail.waitFor(expected.length, 180_000);
    // Lingering digests would send a follow-up within their two minutes; none comes, as nothing more was handed over.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(mail.received.map(digestKeyOf).sort()).toEqual(expected);

    const byKey = new Map(mail.received.map((m) => [digestKeyOf(m), m]));
    for (const unit of catchUpUnits) {
      const m = byKey.get(`digest/unit:${unit.id}/${moment.date}`)!;
      expect(m.envelopeTo.slice().sort()).toEqual([`${unit.id}.contact@duban.test`, `${unit.id}.head@duban.test`]);
      expect(m.parsed.subject).toContain(unit.name);
      expect(m.parsed.subject).toMatch(/已逾期/);
    }
    // The roll-ups name every unit, once each mail.
    for (const person of ['ducha@duban.test', 'leaders@duban.test']) {
      const m = byKey.get(`digest/person:${person}/${moment.date}`)!;
      expect(m.envelopeTo).toEqual([person]);
      for (const unit of catchUpUnits) expect(m.parsed.text).toContain(unit.name);
    }
  });
});
