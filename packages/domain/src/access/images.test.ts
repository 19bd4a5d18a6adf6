import { authorizeImageRead, authorizeImageReference } from './images';
import type { Principal, Role } from './roles';

const COURT = 'CA019015J';
const OTHER = 'CA030015J';
const who = (role: Role, agencyOri = COURT, userId = `u-${role}`): Principal => ({ userId, agencyOri, roles: [role], cletsCertified: false, kind: 'user' });

describe('image references', () => {
  it('are allowed for bytes the caller uploaded to this order, or an import attached', () => {
    expect(authorizeImageReference(who('court-clerk'), { uploadedBy: ['u-court-clerk'], imported: false }).allowed).toBe(true);
    expect(authorizeImageReference(who('court-clerk'), { uploadedBy: [], imported: true }).allowed).toBe(true);
  });
  it('are refused for any other hash: another order’s image, a colleague’s upload, or bytes never uploaded', () => {
    expect(authorizeImageReference(who('court-clerk'), { uploadedBy: [], imported: false })).toMatchObject({ allowed: false, code: 'IMAGE_REFERENCE_NOT_PROVEN' });
    expect(authorizeImageReference(who('court-clerk'), { uploadedBy: ['someone-else'], imported: false })).toMatchObject({ allowed: false, code: 'IMAGE_REFERENCE_NOT_PROVEN' });
  });
});

describe('image downloads', () => {
  const open = { ownerAgencyOri: OTHER, sealed: false };
  const sealed = { ownerAgencyOri: OTHER, sealed: true };
  it('are authorized against every order holding the bytes', () => {
    expect(authorizeImageRead(who('court-clerk'), { order: open, others: [], uploadedByCaller: false }).allowed).toBe(true);
    expect(authorizeImageRead(who('court-clerk'), { order: open, others: [sealed], uploadedByCaller: false })).toMatchObject({ allowed: false, conceal: true });
    expect(authorizeImageRead(who('supervisor', OTHER), { order: open, others: [sealed], uploadedByCaller: false }).allowed).toBe(true);
  });
  it('never pass an order the caller may not read, and let an uploader have back what they uploaded', () => {
    expect(authorizeImageRead(who('court-clerk'), { order: sealed, others: [], uploadedByCaller: true })).toMatchObject({ allowed: false, code: 'SEALED_ORDER' });
    expect(authorizeImageRead(who('court-clerk'), { order: open, others: [sealed], uploadedByCaller: true }).allowed).toBe(true);
  });
});
