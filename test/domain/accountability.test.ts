import { describe, expect, it } from 'vitest';
import {
  AccountabilityError,
  applyExtensionDecision,
  applyExtensionRequest,
  applyReport,
  applyReview,
  applyWaive,
  checkCancel,
  checkExtensionDecision,
  checkExtensionRequest,
  checkReport,
  checkReview,
  checkWaive,
  isSettled,
  owingUnits,
  type UnitObligation,
} from '../../domain/accountability';

function unit(unitId: string, date = '2024-12-31'): UnitObligation {
  return {
    unitId,
    unitName: `${unitId}名称`,
    status: 'pending',
    deadline: { date, instant: `${date}T23:59:59.999+08:00`, provisional: false },
    card: 'none',
    reports: [],
    returns: [],
    extensions: [],
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof AccountabilityError) return err.code;
    throw err;
  }
  return undefined;
}

const fgw = { role: 'unit' as const, unitId: 'fgw' };
const supervisor = { role: 'supervisor' as const, name: '督查科' };
const admin = { role: 'admin' as const, name: '政务公开办' };

describe('a unit reports, the supervisor reviews', () => {
  it('a unit reports for itself with evidence, then is accepted and settled', () => {
    const units = { fgw: unit('fgw') };
    const input = { actor: fgw, unitId: 'fgw', evidence: [' https://gov.example/fgw/2024 ', ''] };
    const u = checkReport(units, input);
    const report = applyReport(u, input, '2024-12-20T10:00:00.000Z', 0);
    expect(report).toEqual({ at: '2024-12-20T10:00:00.000Z', evidence: ['https://gov.example/fgw/2024'], note: undefined, late: false, workingDaysLate: 0 });
    expect(u.status).toBe('reported');
    expect(owingUnits(units)).toEqual([]);
    expect(isSettled(units)).toBe(false);

    const review = { actor: supervisor, unitId: 'fgw', decision: 'accept' as const };
    applyReview(checkReview(units, review), review, '2024-12-21T10:00:00.000Z');
    expect(u.status).toBe('accepted');
    expect(isSettled(units)).toBe(true);
  });

  it('refuses a report made for another unit, without evidence, or twice', () => {
    const units = { fgw: unit('fgw'), jyj: unit('jyj') };
    expect(codeOf(() => checkReport(units, { actor: fgw, unitId: 'jyj', evidence: ['x'] }))).toBe('forbidden');
    expect(codeOf(() => checkReport(units, { actor: supervisor, unitId: 'fgw', evidence: ['x'] }))).toBe('forbidden');
    expect(codeOf(() => checkReport(units, { actor: fgw, unitId: 'fgw', evidence: ['  '] }))).toBe('evidence-required');
    expect(codeOf(() => checkReport(units, { actor: fgw, unitId: 'nobody', evidence: ['x'] }))).toBe('unknown-unit');
    applyReport(units.fgw, { actor: fgw, unitId: 'fgw', evidence: ['x'] }, '2024-12-20T00:00:00Z', 0);
    expect(codeOf(() => checkReport(units, { actor: fgw, unitId: 'fgw', evidence: ['x'] }))).toBe('not-open');
  });

  it('a returned report reopens the unit, with the reason kept', () => {
    const units = { fgw: unit('fgw') };
    applyReport(units.fgw, { actor: fgw, unitId: 'fgw', evidence: ['x'] }, '2024-12-20T00:00:00Z', 0);
    expect(codeOf(() => checkReview(units, { actor: fgw, unitId: 'fgw', decision: 'accept' }))).toBe('forbidden');
    expect(codeOf(() => checkReview(units, { actor: supervisor, unitId: 'fgw', decision: 'return', reason: ' ' }))).toBe('reason-required');
    const back = { actor: supervisor, unitId: 'fgw', decision: 'return' as const, reason: '缺少公开网址' };
    applyReview(checkReview(units, back), back, '2024-12-22T00:00:00Z');
    expect(units.fgw.status).toBe('pending');
    expect(units.fgw.returns).toEqual([{ at: '2024-12-22T00:00:00Z', reason: '缺少公开网址', by: '督查科' }]);
    expect(owingUnits(units).map((u) => u.unitId)).toEqual(['fgw']);
    expect(codeOf(() => checkReview(units, back))).toBe('not-reported');
  });

  it('an accepted or waived unit is not reviewed again, and the refusal says why', () => {
    const units = { fgw: unit('fgw'), jyj: unit('jyj') };
    applyReport(units.fgw, { actor: fgw, unitId: 'fgw', evidence: ['x'] }, '2024-12-20T00:00:00Z', 0);
    const accept = { actor: supervisor, unitId: 'fgw', decision: 'accept' as const };
    applyReview(checkReview(units, accept), accept, '2024-12-21T00:00:00Z');
    expect(() => checkReview(units, accept)).toThrow(/已审核通过，无需再审核/);
    units.jyj.status = 'waived';
    expect(codeOf(() => checkReview(units, { ...accept, unitId: 'jyj' }))).toBe('waived');
  });
});

describe('extensions', () => {
  it('must be asked by the unit before its deadline, for a later date, with reason and progress', () => {
    const units = { fgw: unit('fgw', '2024-07-05') };
    const ask = { actor: fgw, unitId: 'fgw', newDate: '2024-07-19', reason: '需会签', progress: '已起草' };
    const before = '2024-07-05T15:59:59.000Z'; // 23:59:59 on 07-05 in Shanghai
    const after = '2024-07-05T16:00:00.000Z'; // 00:00 on 07-06 in Shanghai
    expect(codeOf(() => checkExtensionRequest(units, ask, after))).toBe('extension-too-late');
    expect(codeOf(() => checkExtensionRequest(units, { ...ask, newDate: '2024-07-05' }, before))).toBe('extension-not-later');
    expect(codeOf(() => checkExtensionRequest(units, { ...ask, newDate: '2024-7-19' }, before))).toBe('extension-not-later');
    expect(codeOf(() => checkExtensionRequest(units, { ...ask, progress: '' }, before))).toBe('reason-required');
    expect(codeOf(() => checkExtensionRequest(units, { ...ask, actor: { role: 'unit', unitId: 'jyj' } }, before))).toBe('forbidden');

    applyExtensionRequest(checkExtensionRequest(units, ask, before), ask, before);
    expect(codeOf(() => checkExtensionRequest(units, ask, before))).toBe('extension-pending');

    expect(codeOf(() => checkExtensionDecision(units, { actor: fgw, unitId: 'fgw', approved: true }))).toBe('forbidden');
    const decision = { actor: supervisor, unitId: 'fgw', approved: true };
    const request = checkExtensionDecision(units, decision);
    applyExtensionDecision(request, decision, '2024-07-05T02:00:00Z');
    expect(units.fgw.extensions[0]!.decision).toEqual({ at: '2024-07-05T02:00:00Z', approved: true, by: '督查科', comment: undefined });
    expect(codeOf(() => checkExtensionDecision(units, decision))).toBe('no-extension-pending');
  });
});

describe('waiving and cancelling are the admin’s', () => {
  it('only the admin waives, with a reason; a waived unit is settled', () => {
    const units = { fgw: unit('fgw') };
    expect(codeOf(() => checkWaive(units, { actor: supervisor, unitId: 'fgw', reason: '机构改革' }))).toBe('forbidden');
    expect(codeOf(() => checkWaive(units, { actor: admin, unitId: 'fgw', reason: '' }))).toBe('reason-required');
    const waiver = { actor: admin, unitId: 'fgw', reason: '机构改革，职责划转' };
    applyWaive(checkWaive(units, waiver), waiver, '2024-08-01T00:00:00Z');
    expect(units.fgw.status).toBe('waived');
    expect(isSettled(units)).toBe(true);
    expect(codeOf(() => checkWaive(units, waiver))).toBe('not-open');
  });

  it('a unit whose report awaits review is reviewed, not waived', () => {
    const units = { fgw: unit('fgw') };
    units.fgw.status = 'reported';
    expect(codeOf(() => checkWaive(units, { actor: admin, unitId: 'fgw', reason: '机构改革' }))).toBe('awaiting-review');
  });

  it('only the admin cancels', () => {
    expect(codeOf(() => checkCancel(supervisor, '任务调整'))).toBe('forbidden');
    expect(codeOf(() => checkCancel(admin, ''))).toBe('reason-required');
    expect(codeOf(() => checkCancel(admin, '任务调整'))).toBeUndefined();
  });
});
