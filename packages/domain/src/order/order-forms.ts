import * as t from 'io-ts';
import { LAW_DOCS } from '../rules/law-docs';

/**
 * Every order the registry accepts, keyed by the Judicial Council form it is issued on, with the
 * order type and stage it stands for (docs/law/order-types.md). The form decides type and stage,
 * so a clerk picks one thing and cannot enter a contradictory pair. Where no Judicial Council form
 * for an order CARPOS holds could be confirmed, the key is the registry's designator for the
 * order's statute (`PC-490.8`, `CANADIAN-DVPO`) and the row says so (`verified: false`).
 */
export type OrderType = 'CPO' | 'CH' | 'DV' | 'EA' | 'EPO' | 'GV' | 'JV' | 'WV' | 'SV' | 'RT' | 'OOS' | 'CAN';
/** `registered`: an order of another state, a tribe or Canada, registered in California and kept on its own terms. */
export type OrderStage = 'emergency' | 'temporary' | 'after-hearing' | 'registered';
/**
 * The order's place on the precedence ladder (Pen. Code 136.2(c)(1); Fam. Code 6383(h), 6405(b);
 * docs/law/precedence.md): `emergency` only for an emergency protective order under Fam. Code 6250
 * et seq. or Pen. Code 646.91 (EPO-001) — a gun violence emergency order is a civil order there.
 */
export type OrderCategory = 'emergency' | 'civil' | 'criminal';

export interface OrderFormInfo {
  readonly type: OrderType;
  readonly stage: OrderStage;
  readonly category: OrderCategory;
  readonly title: string;
  /** The CLETS designation printed on the form. */
  readonly clets?: string;
  /** The statute the order is issued (or registered) under. */
  readonly basis: string;
  /** Where the row comes from: statute, rule or form, and the project's page. */
  readonly source: string;
  /** False where the form number, title or designation could not be confirmed from the form itself. */
  readonly verified: boolean;
  /** What to confirm, for an unverified row. */
  readonly toConfirm?: string;
}

const TYPES = LAW_DOCS.orderTypes;

export const ORDER_FORMS = {
  'CR-160': { type: 'CPO', stage: 'after-hearing', category: 'criminal', title: 'Criminal Protective Order — Domestic Violence', clets: 'CLETS-CPO', basis: 'Pen. Code 136.2; 1203.097(a)(2); 136.2(i)(1); 273.5(j); 368(l); 646.9(k)', source: `form CR-160 (Rev. Jan. 22, 2019), caption; ${TYPES}`, verified: true },
  'CR-161': { type: 'CPO', stage: 'after-hearing', category: 'criminal', title: 'Criminal Protective Order — Other Than Domestic Violence', clets: 'CLETS-CPO', basis: 'Pen. Code 136.2; 136.2(i)(1); 646.9(k)', source: `form CR-161; ${TYPES}`, verified: false, toConfirm: 'the current CR-161 caption and CLETS designation' },
  'PC-490.8': { type: 'RT', stage: 'after-hearing', category: 'criminal', title: 'Retail-theft restraining order (Pen. Code 490.8)', basis: 'Pen. Code 490.8 (AB 3209, Stats. 2024, ch. 169)', source: `Pen. Code 490.8; Fam. Code 6380(b) as amended by AB 3209; CRC 1.51 (CLETS-001 required); ${TYPES}`, verified: false, toConfirm: 'the Judicial Council form (if any) on which 490.8 orders are issued; the registry designates the order by its statute until then' },
  'CH-110': { type: 'CH', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Civil Harassment)', clets: 'CLETS-TCH', basis: 'CCP 527.6', source: `form CH-110; ${TYPES}`, verified: true },
  'CH-130': { type: 'CH', stage: 'after-hearing', category: 'civil', title: 'Civil Harassment Restraining Order After Hearing', clets: 'CLETS-CHO', basis: 'CCP 527.6', source: `form CH-130; ${TYPES}`, verified: true },
  'DV-110': { type: 'DV', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Domestic Violence)', clets: 'CLETS-TRO', basis: 'Fam. Code 6320 et seq.', source: `form DV-110; ${TYPES}`, verified: true },
  'DV-130': { type: 'DV', stage: 'after-hearing', category: 'civil', title: 'Restraining Order After Hearing (Order of Protection)', clets: 'CLETS-OAH', basis: 'Fam. Code 6340–6345', source: `form DV-130; ${TYPES}`, verified: true },
  'DV-600': { type: 'OOS', stage: 'registered', category: 'civil', title: 'Order to Register Out-of-State or Tribal Court Protective/Restraining Order', clets: 'CLETS-OOS', basis: 'Fam. Code 6400–6409 (6404: registration)', source: `Fam. Code 6404; form DV-600; ${TYPES}`, verified: false, toConfirm: 'the CLETS designation printed on the current DV-600' },
  'CANADIAN-DVPO': { type: 'CAN', stage: 'registered', category: 'civil', title: 'Canadian domestic-violence protection order, registered (Fam. Code 6454)', basis: 'Fam. Code 6450–6460', source: `Fam. Code 6450–6460; CRC 1.51 (CLETS-001 required for 6454); ${TYPES}`, verified: false, toConfirm: 'the Judicial Council form used to register a Canadian order, if any; the registry designates the order by its statute until then' },
  'EA-110': { type: 'EA', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Elder or Dependent Adult Abuse)', basis: 'Welf. & Inst. Code 15657.03', source: `form EA-110; ${TYPES}`, verified: true },
  'EA-130': { type: 'EA', stage: 'after-hearing', category: 'civil', title: 'Elder or Dependent Adult Abuse Restraining Order After Hearing', clets: 'CLETS-EAR or EAF', basis: 'Welf. & Inst. Code 15657.03', source: `form EA-130 (2008); ${TYPES}`, verified: true },
  'EPO-001': { type: 'EPO', stage: 'emergency', category: 'emergency', title: 'Emergency Protective Order', basis: 'Fam. Code 6240–6275 (6250 et seq.); Pen. Code 646.91', source: `Fam. Code 6250, 6253, 6256; form EPO-001; ${TYPES}`, verified: true },
  'EPO-002': { type: 'GV', stage: 'emergency', category: 'civil', title: 'Gun Violence Emergency Protective Order', basis: 'Pen. Code 18125–18145', source: `Pen. Code 18125, 18135, 18140; form EPO-002; ${TYPES}`, verified: true },
  'GV-110': { type: 'GV', stage: 'temporary', category: 'civil', title: 'Temporary Gun Violence Restraining Order', basis: 'Pen. Code 18150–18160', source: `form GV-110; ${TYPES}`, verified: true },
  'GV-130': { type: 'GV', stage: 'after-hearing', category: 'civil', title: 'Gun Violence Restraining Order After Hearing', basis: 'Pen. Code 18170–18197', source: `form GV-130; ${TYPES}`, verified: true },
  'JV-250': { type: 'JV', stage: 'temporary', category: 'civil', title: 'Notice of Court Hearing and Temporary Restraining Order — Juvenile', basis: 'Welf. & Inst. Code 213.5; CRC 5.630', source: `CRC 5.630; form JV-250; ${TYPES}`, verified: true },
  'JV-255': { type: 'JV', stage: 'after-hearing', category: 'civil', title: 'Juvenile Restraining Order After Hearing', clets: 'CLETS-JUV', basis: 'Welf. & Inst. Code 213.5; CRC 5.630', source: `form JV-255 (Rev. Sept. 1, 2019), item 3; ${TYPES}`, verified: true },
  'JV-260': { type: 'JV', stage: 'temporary', category: 'civil', title: 'Notice of Court Hearing and Temporary Restraining Order Against a Child', basis: 'Welf. & Inst. Code 213.5; CRC 5.625, 5.630', source: `CRC 5.625 (forms for orders against a child in a 601/602 proceeding, from 1 Jan. 2023); form JV-260; ${TYPES}`, verified: false, toConfirm: 'the JV-260 title and CLETS designation' },
  'JV-265': { type: 'JV', stage: 'after-hearing', category: 'civil', title: 'Juvenile Restraining Order Against a Child — Order After Hearing', basis: 'Welf. & Inst. Code 213.5; CRC 5.625, 5.630', source: `CRC 5.625; form JV-265 (title as revised effective 1 Jan. 2026); ${TYPES}`, verified: false, toConfirm: 'the JV-265 CLETS designation' },
  'WV-110': { type: 'WV', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Workplace Violence)', basis: 'CCP 527.8', source: `form WV-110; ${TYPES}`, verified: true },
  'WV-130': { type: 'WV', stage: 'after-hearing', category: 'civil', title: 'Workplace Violence Restraining Order After Hearing', basis: 'CCP 527.8', source: `form WV-130; ${TYPES}`, verified: true },
  'SV-110': { type: 'SV', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Postsecondary School Violence)', basis: 'CCP 527.85', source: `form SV-110; ${TYPES}`, verified: true },
  'SV-130': { type: 'SV', stage: 'after-hearing', category: 'civil', title: 'Postsecondary School Violence Restraining Order After Hearing', basis: 'CCP 527.85', source: `form SV-130; ${TYPES}`, verified: true },
} as const satisfies Record<string, OrderFormInfo>;

export const FormNumber = t.keyof(ORDER_FORMS, 'FormNumber');
export type FormNumber = t.TypeOf<typeof FormNumber>;

export const formInfo = (form: FormNumber): OrderFormInfo => ORDER_FORMS[form];
export const FORM_NUMBERS = Object.keys(ORDER_FORMS) as FormNumber[];

/** Every order type, for codecs and filters outside the domain. */
export const ORDER_TYPES: readonly OrderType[] = [...new Set(FORM_NUMBERS.map((f) => ORDER_FORMS[f].type))];

/** An order of another jurisdiction registered in California: it keeps its own terms and end (Fam. Code 6404, 6454). */
export const isRegisteredForeignOrder = (form: FormNumber): boolean => formInfo(form).stage === 'registered';
