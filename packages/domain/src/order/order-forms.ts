import * as t from 'io-ts';

/**
 * Every Judicial Council order form the registry accepts, with the order type and stage it
 * stands for (domain-brief §2, "Order-type catalogue"). The form decides type and stage, so a
 * clerk picks one thing and cannot enter a contradictory pair.
 */
export type OrderType = 'CPO' | 'CH' | 'DV' | 'EA' | 'EPO' | 'GV' | 'JV' | 'WV' | 'SV';
export type OrderStage = 'emergency' | 'temporary' | 'after-hearing';
/** For the precedence ladder (domain-brief §9.1): emergency orders, civil orders, criminal orders. */
export type OrderCategory = 'emergency' | 'civil' | 'criminal';

export interface OrderFormInfo {
  readonly type: OrderType;
  readonly stage: OrderStage;
  readonly category: OrderCategory;
  readonly title: string;
  /** The CLETS designation printed on the form, where the brief gives one. */
  readonly clets?: string;
  /** domain-brief.md §2 row the entry comes from. */
  readonly source: string;
}

export const ORDER_FORMS = {
  'CR-160': { type: 'CPO', stage: 'after-hearing', category: 'criminal', title: 'Criminal Protective Order — Domestic Violence', clets: 'CLETS-CPO', source: 'domain-brief §2 "Criminal protective order, DV"' },
  'CR-161': { type: 'CPO', stage: 'after-hearing', category: 'criminal', title: 'Criminal Protective Order — Other Than Domestic Violence', clets: 'CLETS-CPO', source: 'domain-brief §2 "Criminal protective order, other than DV" (weak source)' },
  'CH-110': { type: 'CH', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Civil Harassment)', clets: 'CLETS-TCH', source: 'domain-brief §2 "Civil harassment"' },
  'CH-130': { type: 'CH', stage: 'after-hearing', category: 'civil', title: 'Civil Harassment Restraining Order After Hearing', clets: 'CLETS-CHO', source: 'domain-brief §2 "Civil harassment"' },
  'DV-110': { type: 'DV', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Domestic Violence)', clets: 'CLETS-TRO', source: 'domain-brief §2 "DV temporary restraining order"' },
  'DV-130': { type: 'DV', stage: 'after-hearing', category: 'civil', title: 'Restraining Order After Hearing (Domestic Violence)', clets: 'CLETS-OAH', source: 'domain-brief §2 "DV restraining order after hearing"' },
  'EA-110': { type: 'EA', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Elder or Dependent Adult Abuse)', source: 'domain-brief §2 "Elder / dependent adult abuse"' },
  'EA-130': { type: 'EA', stage: 'after-hearing', category: 'civil', title: 'Elder or Dependent Adult Abuse Restraining Order After Hearing', clets: 'CLETS-EAR or EAF', source: 'domain-brief §2 "Elder / dependent adult abuse"' },
  'EPO-001': { type: 'EPO', stage: 'emergency', category: 'emergency', title: 'Emergency Protective Order', source: 'domain-brief §2 "Emergency protective order"' },
  'EPO-002': { type: 'GV', stage: 'emergency', category: 'emergency', title: 'Gun Violence Emergency Protective Order', source: 'domain-brief §2 "Gun violence emergency protective order"' },
  'GV-110': { type: 'GV', stage: 'temporary', category: 'civil', title: 'Temporary Gun Violence Restraining Order', source: 'domain-brief §2 "Gun violence restraining order"' },
  'GV-130': { type: 'GV', stage: 'after-hearing', category: 'civil', title: 'Gun Violence Restraining Order After Hearing', source: 'domain-brief §2 "Gun violence restraining order"' },
  'JV-250': { type: 'JV', stage: 'temporary', category: 'civil', title: 'Notice of Hearing and Temporary Restraining Order — Juvenile', source: 'domain-brief §2 "Juvenile restraining order"' },
  'JV-255': { type: 'JV', stage: 'after-hearing', category: 'civil', title: 'Restraining Order — Juvenile', clets: 'CLETS-JUV', source: 'domain-brief §2 "Juvenile restraining order"' },
  'WV-110': { type: 'WV', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Workplace Violence)', source: 'domain-brief §2 "Workplace violence"' },
  'WV-130': { type: 'WV', stage: 'after-hearing', category: 'civil', title: 'Workplace Violence Restraining Order After Hearing', source: 'domain-brief §2 "Workplace violence"' },
  'SV-110': { type: 'SV', stage: 'temporary', category: 'civil', title: 'Temporary Restraining Order (Private Postsecondary School Violence)', source: 'domain-brief §2 "Private postsecondary school violence"' },
  'SV-130': { type: 'SV', stage: 'after-hearing', category: 'civil', title: 'Private Postsecondary School Violence Restraining Order After Hearing', source: 'domain-brief §2 "Private postsecondary school violence"' },
} as const satisfies Record<string, OrderFormInfo>;

export const FormNumber = t.keyof(ORDER_FORMS, 'FormNumber');
export type FormNumber = t.TypeOf<typeof FormNumber>;

export const formInfo = (form: FormNumber): OrderFormInfo => ORDER_FORMS[form];
export const FORM_NUMBERS = Object.keys(ORDER_FORMS) as FormNumber[];
