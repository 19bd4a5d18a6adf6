import type { Agency, User } from '../identity/identity-view';

/**
 * A court's go-live checklist, each line answered from the registry's own data — never a tick
 * box someone sets (issue 16 item 3; ADR 0058). `not-applicable` when the line does not concern
 * this agency or this registry (no CARPOS through the registry, no scan inbox).
 */
export type ReadinessAnswer = 'yes' | 'no' | 'not-applicable';

export interface ReadinessLine {
  readonly id: 'sign-in' | 'court-profile' | 'test-scan' | 'acceptance-testing' | 'users' | 'clets-users';
  readonly label: string;
  readonly answer: ReadinessAnswer;
  /** Why, in words: what the registry found. */
  readonly detail: string;
}

export interface ReadinessFacts {
  readonly agency: Agency;
  readonly users: readonly User[];
  /** Whether the registry watches a scan inbox, and how many of the court's orders hold an image. */
  readonly scanInbox: boolean;
  readonly ordersWithImages: number;
}

const DATA_ENTRY = ['court-clerk', 'supervisor', 'lea-data-entry'];

/** The county an ORI names: CA + 3 digits of county (CA019… → 19), as California ORIs are built. */
export const countyOfOri = (ori: string): string | undefined => {
  const m = /^CA0(\d{2})/.exec(ori);
  return m ? m[1] : undefined;
};

const isActive = (u: User): boolean => !u.disabled;

export const readinessLines = (f: ReadinessFacts): ReadinessLine[] => {
  const { agency } = f;
  const users = f.users.filter((u) => u.agencyOri === agency.ori && isActive(u));
  const signedIn = users.filter((u) => !u.mustChangePassword);
  const entry = users.filter((u) => u.roles.some((r) => DATA_ENTRY.includes(r)));
  const certified = users.filter((u) => u.cletsCertified);
  const oriCounty = countyOfOri(agency.ori);
  const profileProblems = [
    agency.name.trim().length === 0 ? 'the name is empty' : undefined,
    oriCounty !== undefined && oriCounty !== agency.county ? `the county is ${agency.county} but the ORI ${agency.ori} names county ${oriCounty}` : undefined,
    agency.carpos.enabled && agency.carpos.submitter === 'sheriff' && agency.carpos.submitterOri === undefined ? 'CARPOS is submitted by the sheriff but no sheriff is named' : undefined,
  ].filter((x): x is string => x !== undefined);
  const carpos = agency.carpos.enabled;
  const run = agency.acceptance;
  return [
    {
      id: 'sign-in',
      label: 'Production URL reachable and sign-in works',
      answer: signedIn.length > 0 ? 'yes' : 'no',
      detail: signedIn.length > 0 ? `${signedIn.length} of the agency’s users have signed in and chosen their own password (this page itself is served from the registry).` : 'No user of the agency has signed in with their own password yet.',
    },
    {
      id: 'court-profile',
      label: 'Court profile complete, with the right county',
      answer: profileProblems.length === 0 ? 'yes' : 'no',
      detail: profileProblems.length === 0 ? `${agency.name}, county ${agency.county}, ORI ${agency.ori}.` : `To fix: ${profileProblems.join('; ')}.`,
    },
    {
      id: 'test-scan',
      label: 'A test scan imported from the court’s scanner through the scan inbox',
      answer: !f.scanInbox ? 'not-applicable' : f.ordersWithImages > 0 ? 'yes' : 'no',
      detail: !f.scanInbox
        ? 'This registry watches no scan inbox (CCPOR_SCAN_INBOX is not set): images are uploaded on the order page.'
        : f.ordersWithImages > 0
          ? `${f.ordersWithImages} of the court’s orders hold an image.`
          : 'No order of the court holds an image yet: scan a test order into the inbox.',
    },
    {
      id: 'acceptance-testing',
      label: 'Court acceptance testing done (a test order of each type acknowledged by DOJ)',
      answer: !carpos ? 'not-applicable' : run?.passed === true ? 'yes' : 'no',
      detail: !carpos
        ? 'The agency’s orders do not go to DOJ through the registry.'
        : run === undefined
          ? 'No acceptance run yet.'
          : `Last run ${run.finishedAt} by ${run.ranBy}: ${run.results.filter((r) => r.outcome === 'acknowledged').length} of ${run.results.length} orders acknowledged.`,
    },
    {
      id: 'users',
      label: 'Authorized users set up',
      answer: entry.length > 0 ? 'yes' : 'no',
      detail: entry.length > 0 ? `${users.length} active users, ${entry.length} of whom enter orders.` : 'No active user of the agency enters orders.',
    },
    {
      id: 'clets-users',
      label: 'CLETS-certified users named for the DOJ queues',
      answer: !carpos ? 'not-applicable' : certified.length > 0 ? 'yes' : 'no',
      detail: !carpos ? 'The agency’s orders do not go to DOJ through the registry.' : certified.length > 0 ? `${certified.length} CLETS-certified users: ${certified.map((u) => u.username).join(', ')}.` : 'No active user of the agency is CLETS-certified.',
    },
  ];
};
