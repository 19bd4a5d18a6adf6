import { authorizeOrder } from './policy';
import { ROLES, type Principal, type Role } from './roles';
import { maySeeSealedOrder, sealedReachOf } from './sealed-orders';

const LA = 'CA019015J';
const ORANGE = 'CA030015J';
const who = (role: Role, agencyOri: string): Principal => ({ userId: 'u', agencyOri, roles: [role], cletsCertified: true, kind: 'user' });
const sealedOrderOf = (ori: string) => ({ sealed: true, ownerAgencyOri: ori, stage: 'issued' as const });

describe('sealed orders (Cal. Rules of Court 2.550–2.551; ADR 0034)', () => {
  it('a clerk of another county does not see a sealed order, and is answered as if it did not exist', () => {
    const decision = authorizeOrder(who('court-clerk', ORANGE), 'order.read', sealedOrderOf(LA));
    expect(decision).toMatchObject({ allowed: false, code: 'SEALED_ORDER', conceal: true });
  });

  it('nor does a clerk of the same court; a supervisor of the entering or an assigned agency does', () => {
    expect(authorizeOrder(who('court-clerk', LA), 'order.read', sealedOrderOf(LA)).allowed).toBe(false);
    expect(authorizeOrder(who('supervisor', LA), 'order.read', sealedOrderOf(LA)).allowed).toBe(true);
    expect(authorizeOrder(who('supervisor', ORANGE), 'order.read', { ...sealedOrderOf(LA), assignedAgencies: [ORANGE] }).allowed).toBe(true);
    expect(authorizeOrder(who('supervisor', ORANGE), 'order.read', sealedOrderOf(LA)).allowed).toBe(false);
  });

  it('is the rule the policy applies for every role, and the reach a list uses', () => {
    for (const role of ROLES)
      for (const [ori, own] of [[LA, true], [ORANGE, false]] as const) {
        const p = who(role, ori);
        expect(authorizeOrder(p, 'order.read', sealedOrderOf(LA)).allowed).toBe(maySeeSealedOrder(p, own));
        expect(sealedReachOf(p) === 'own' && own).toBe(maySeeSealedOrder(p, own));
      }
  });
});
