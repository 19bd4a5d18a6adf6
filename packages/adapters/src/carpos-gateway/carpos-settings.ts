/**
 * How one agency takes part in CARPOS through the registry (the gateway is optional, as in
 * CCPOR: CCPOR Court Planning Guide; docs/ccpor-programme.md). The HTTP layer stores these per
 * agency and passes a lookup in.
 */
export interface CarposSettings {
  /** False: the agency keys its orders at a CLETS workstation itself; the gateway sends nothing. */
  readonly submitsThroughRegistry: boolean;
  /** Who enters the order into CARPOS (Fam. Code 6380: law enforcement, or the court with DOJ approval). */
  readonly submitter: 'court' | 'sheriff';
  /** ORI the CARPOS transactions go out under: the court's own, or the sheriff's that enters for it. */
  readonly submitterOri: string;
}

/**
 * Settings of the agency that entered an order into the registry. Read once, when the order is
 * added; later changes apply to orders added afterwards, so one order never switches submitter.
 */
export type CarposSettingsLookup = (agencyOri: string) => CarposSettings | Promise<CarposSettings>;

/** The CARPOS message keys the gateway sends, by transaction; defaults are the default dictionary's. */
export interface CarposMessageKeys {
  /** Order after hearing (and criminal protective orders). */
  readonly enter: string;
  /** Temporary and emergency orders: their stage says they end at a hearing or within days. */
  readonly enterTemporary: string;
  readonly modify: string;
  readonly service: string;
  readonly cancel: string;
  readonly clear: string;
}

export const defaultMessageKeys: CarposMessageKeys = {
  enter: 'EPO',
  enterTemporary: 'ETO',
  modify: 'MPO',
  service: 'SPO',
  cancel: 'XPO',
  clear: 'CPO',
};
