/** Small builders for obligation inputs in tests. */
import type { Actor } from '../../domain/accountability';
import type { UnitContact } from '../../contracts/obligation';

/** A unit with addresses on the reserved test domain: <id>@, <id>-head@, and shared supervisor/leadership offices. */
export function testUnit(id: string, name = `${id}单位`): UnitContact {
  return {
    id,
    name,
    contact: [`${id}@duban.test`],
    head: [`${id}-head@duban.test`],
    supervisor: ['duchake@duban.test'],
    leadership: ['fenguan@duban.test'],
  };
}

export const asUnit = (unitId: string): Actor => ({ role: 'unit', unitId, name: unitId });
export const supervisor: Actor = { role: 'supervisor', name: '督查科' };
export const admin: Actor = { role: 'admin', name: '政务公开办' };
