/** Public schemas the NCIC code tables are copied from (docs/carpos-and-ncic.md). */
export const NIEM_NCIC_2000 =
  'NIEM/NIEM-Releases niem/ncic_2000/1.0/ncic_2000.xsd (commit 42f64d816e7d094580fd52e643bdb81c1e653f54)';
export const NIEM_NCIC_501 = 'NIEM/NIEM-Releases xsd/codes/ncic-5.0.1.xsd (commit 63ffab6f7e2a7166276ddfc31fde921a5905cc98)';

/** Said of every candidate in docs/carpos-and-ncic.md: plausible, not confirmed by any public source. */
export const UNCONFIRMED_CANDIDATE =
  'candidate, unconfirmed [U]: confirm against the NCIC Operating Manual POF chapter and the CA DOJ CLETS/CARPOS interface specification';

/** Said of choices this project made where no specification is known. */
export const PROJECT_CHOICE = 'project choice [I]: no public specification; replace with the DOJ value';
