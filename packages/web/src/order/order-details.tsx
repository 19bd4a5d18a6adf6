import { PCO_TABLE, REDACTED, type ImageRef, type PcoCode, type ProtectedPerson } from '@ccpor/domain';
import { Link } from '@tanstack/react-router';
import type { Agency, IssuedOrDraft, OrderRead } from '../api/types';
import { StatusBadge } from '../search/status-badge';
import { expiryRuleWords } from '../view-logic/expiry-rule';
import {
  bytesWords,
  eyeWords,
  formatCounty,
  formatDate,
  formatDateTime,
  formatName,
  hairWords,
  heightWords,
  raceWords,
  sexWords,
  stageWords,
  weightWords,
} from '../view-logic/format';
import { provisionTitle, provisionWording } from '../view-logic/provision-wording';
import { Facts, Section } from './definition-list';
import { LockIcon } from '../layout/icons';

const CANCEL_WORDS: Record<string, string> = { 'terminated-by-court': 'Terminated by the court', 'entered-in-error': 'Entered in error', superseded: 'Replaced by a later order', other: 'Other reason' };
const SERVICE_WORDS: Record<string, string> = { personal: 'Personal service', 'present-in-court': 'Present in court when the order was made', mail: 'First-class mail', 'by-officer': 'By a law-enforcement officer' };
const IMAGE_KIND_WORDS: Record<string, string> = { order: 'Signed order', 'proof-of-service': 'Proof of service', other: 'Other document' };

export const imageLabel = (img: ImageRef, i: number): string =>
  `${i + 1}. ${IMAGE_KIND_WORDS[img.kind] ?? img.kind} (${img.mediaType === 'image/tiff' ? 'TIFF' : 'PDF'}, ${img.pages} ${img.pages === 1 ? 'page' : 'pages'})`;

const OrderLink = ({ id, children }: { id: string; children?: React.ReactNode }) => (
  <Link to="/orders/$orderId" params={{ orderId: id }}>
    {children ?? `order ${id.slice(0, 8)}`}
  </Link>
);

const isWithheld = (p: ProtectedPerson) => p.name.last === REDACTED;

const Person = ({ person, index }: { person: ProtectedPerson; index: number }) =>
  isWithheld(person) ? (
    <div className="ccpor-person ccpor-person--withheld">
      <h3>
        Protected person {index + 1}: <span className="ccpor-lock"><LockIcon /> identity withheld</span>
      </h3>
      <p>
        This person is {person.minor ? 'a minor' : 'marked confidential'}. Their name, date of birth and other identifying details are shown only to the agencies that entered or act on this order, and to supervisors (Fam. Code 6301.5).
        {person.sex ? ` Sex: ${sexWords(person.sex)}.` : ''}
      </p>
    </div>
  ) : (
    <div className="ccpor-person">
      <h3>
        Protected person {index + 1}: {formatName(person.name)}
        {person.minor && <span className="ccpor-flag">Minor</span>}
        {person.confidential && <span className="ccpor-flag"><LockIcon /> Confidential</span>}
      </h3>
      <Facts
        columns={3}
        items={[
          ['Date of birth', formatDate(person.dateOfBirth)],
          ['Sex', person.sex && sexWords(person.sex)],
          ['Race', person.race && raceWords(person.race)],
          ['Relationship to the restrained person', person.relationship],
        ]}
      />
    </div>
  );

/** Everything the API returns about the order, in the order a clerk reads the paper form. */
export const OrderDetailsView = ({ read, state, agencies, onShowImage }: { read: OrderRead; state: IssuedOrDraft; agencies: readonly Agency[] | undefined; onShowImage: (i: number) => void }) => {
  const d = state.details;
  const agencyName = (ori: string) => agencies?.find((a) => a.ori === ori)?.name;
  const issued = state.status === 'issued' ? state : undefined;
  // The API leaves `doj` out for users who are not CLETS-certified (and names it in `redacted` when it held anything).
  const doj = issued ? (issued as { doj?: typeof issued.doj }).doj : undefined;
  const dojWithheld = read.redacted.includes('doj') || (issued !== undefined && doj === undefined);
  const r = d.restrainedPerson;
  const missing = read.computed.missingForDoj;

  return (
    <div className="ccpor-order-details">
      <Section id="sec-status" title="Status and dates">
        <Facts
          items={[
            ['Status', <StatusBadge key="s" hit={{ status: read.computed.status, stage: read.computed.stage ?? null, hearingAt: d.hearing?.at ?? null, expiresAt: issued?.expiresAt ?? null }} withDetail />],
            ['Kind of order', read.computed.stage ? `${stageWords(read.computed.stage)}${read.computed.category ? `, ${read.computed.category} order` : ''}` : undefined],
            ['Issued', formatDateTime(d.issuedAt)],
            ['Expires', issued ? (issued.expiresAt === null ? 'Does not expire' : formatDateTime(issued.expiresAt)) : undefined],
            ['Why it expires then', issued ? expiryRuleWords(state) : 'A draft has no expiry yet.'],
            ['Hearing', d.hearing ? `${formatDateTime(d.hearing.at)}${d.hearing.department ? `, department ${d.hearing.department}` : ''}${d.hearing.goodCause ? ' (continued for good cause)' : ''}` : undefined],
            ['Added to the registry', issued ? formatDateTime(issued.addedAt) : 'Not yet: this is a draft'],
            [
              'DOJ deadline',
              read.computed.dojDeadline ? (
                <span>
                  {formatDateTime(read.computed.dojDeadline)} (one court day after issue, Fam. Code 6380)
                  {read.computed.dojOverdue && <strong className="ccpor-overdue"> — overdue, not yet acknowledged by DOJ</strong>}
                </span>
              ) : undefined,
            ],
          ]}
        />
        {missing.length > 0 && (
          <div className="usa-alert usa-alert--warning usa-alert--slim ccpor-inline-alert">
            <div className="usa-alert__body">
              <p className="usa-alert__text">
                DOJ cannot take this order until these are entered: {missing.map((m) => m.label).join('; ')}.
              </p>
            </div>
          </div>
        )}
      </Section>

      <Section id="sec-doj" title="DOJ record (CARPOS)">
        {dojWithheld ? (
          <p className="ccpor-muted"><LockIcon /> Withheld: what DOJ sent back over CLETS is shown only to CLETS-certified users.</p>
        ) : issued && doj ? (
          <Facts
            items={[
              ['FCN (file control number)', doj.fcn],
              ['NIC (NCIC number)', doj.nic],
              ['Last acknowledgement', doj.lastAcknowledged ? `${doj.lastAcknowledged.transaction} accepted ${formatDateTime(doj.lastAcknowledged.at)}` : 'Not yet acknowledged'],
              [
                'Last rejection',
                doj.lastRejection
                  ? `${doj.lastRejection.transaction} rejected ${formatDateTime(doj.lastRejection.at)}: ${doj.lastRejection.errors.map((e) => (e.field ? `${e.field}: ${e.reason}` : e.reason)).join('; ')}`
                  : 'None',
              ],
              ['DOJ answers awaiting review', doj.awaitingReview && doj.awaitingReview.length > 0 ? `${doj.awaitingReview.length} (a CLETS-certified user must confirm them)` : 'None'],
            ]}
          />
        ) : (
          <p className="ccpor-muted">A draft is not sent to DOJ.</p>
        )}
      </Section>

      <Section id="sec-court" title="Court and case">
        <Facts
          items={[
            ['Court', d.court ? `${d.court.name} (${d.court.ori})` : undefined],
            ['County', d.court ? formatCounty(d.court.county) : undefined],
            ['Department', d.court?.department],
            ['Judicial officer', d.judicialOfficer],
            ['Case number', d.caseNumber],
            ['Agency case number', d.agencyCaseNumber],
            ['Entered by', `${agencyName(state.enteringAgencyOri) ?? state.enteringAgencyOri} (${state.enteringAgencyOri})`],
            ['Other agencies acting on it', d.assignedAgencies && d.assignedAgencies.length > 0 ? d.assignedAgencies.map((o) => `${agencyName(o) ?? o} (${o})`).join('; ') : 'None'],
            ['Source', issued ? (issued.source.kind === 'registry' ? 'Entered in this registry' : `Imported from ${issued.source.sourceSystem} (record ${issued.source.sourceRecordId})`) : 'Draft in this registry'],
            ['Sealed', d.sealed ? <span key="sealed"><LockIcon /> Yes: shown only to supervisors</span> : 'No'],
          ]}
        />
      </Section>

      <Section id="sec-restrained" title="Restrained person">
        {r ? (
          <>
            <p className="ccpor-person-name">{formatName(r.name)}</p>
            <Facts
              columns={3}
              items={[
                ['Date of birth', formatDate(r.dateOfBirth)],
                ['Sex', r.sex && sexWords(r.sex)],
                ['Race', r.race && raceWords(r.race)],
                ['Height', r.height && heightWords(r.height)],
                ['Weight', r.weight && weightWords(r.weight)],
                ['Eyes', r.eyes && eyeWords(r.eyes)],
                ['Hair', r.hair && hairWords(r.hair)],
                ['Relationship to the protected person', r.relationship],
                ['Brady indicator', d.brady === 'Y' ? 'Yes: federally prohibited from firearms' : d.brady === 'N' ? 'No' : d.brady === 'U' ? 'Unknown' : undefined],
              ]}
            />
          </>
        ) : (
          <p className="ccpor-muted">Not entered yet.</p>
        )}
      </Section>

      <Section id="sec-protected" title={`Protected ${d.protectedPersons?.length === 1 ? 'person' : 'persons'}`}>
        {d.protectedPersons?.map((p, i) => <Person key={i} person={p} index={i} />) ?? <p className="ccpor-muted">Not entered yet.</p>}
        <p>
          <strong>Petitioner:</strong> {d.petitioner ? (d.petitioner.kind === 'person' ? formatName(d.petitioner.name) : `${d.petitioner.name} (organization)`) : 'Not entered'}
        </p>
      </Section>

      <Section id="sec-orders" title="What the court ordered">
        {d.provisions && d.provisions.length > 0 ? (
          <ul className="ccpor-provisions">
            {d.provisions.map((p, i) => (
              <li key={i}>
                <strong>{provisionTitle(p)}.</strong> {provisionWording(p)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="ccpor-muted">No typed provisions; read the judge’s terms and the image.</p>
        )}
        <h3>Judge’s terms, as written</h3>
        {d.terms ? <blockquote className="ccpor-terms">{d.terms}</blockquote> : <p className="ccpor-muted">None entered. The signed order in the image is the authority.</p>}
        <h3>PCO codes (NCIC protection order conditions)</h3>
        {d.pcoCodes && d.pcoCodes.length > 0 ? (
          <ul className="ccpor-pco">
            {d.pcoCodes.map((c) => (
              <li key={c}>
                <span className="ccpor-code">PCO {c}</span> {PCO_TABLE[c as PcoCode]}
              </li>
            ))}
          </ul>
        ) : (
          <p className="ccpor-muted">None entered.</p>
        )}
        <p>
          <strong>Service by mail allowed:</strong> {d.serviceByMailPermitted ? 'Yes (Fam. Code 6384)' : 'No'}
        </p>
      </Section>

      {issued && (
        <Section id="sec-service" title="Service">
          {issued.services.length === 0 ? (
            <p>Not yet served: no proof of service is recorded.</p>
          ) : (
            <table className="usa-table usa-table--borderless usa-table--compact">
              <caption className="usa-sr-only">Proofs of service</caption>
              <thead>
                <tr>
                  <th scope="col">Served</th>
                  <th scope="col">How</th>
                  <th scope="col">By</th>
                  <th scope="col">Agency</th>
                </tr>
              </thead>
              <tbody>
                {issued.services.map((s) => (
                  <tr key={s.serviceId}>
                    <td>{formatDateTime(s.servedAt)}</td>
                    <td>{SERVICE_WORDS[s.method] ?? s.method}</td>
                    <td>
                      {s.servedBy.name}
                      {s.servedBy.badgeNumber ? `, badge ${s.servedBy.badgeNumber}` : ''}
                    </td>
                    <td>{agencyName(s.servingAgencyOri) ?? s.servingAgencyOri}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
      )}

      <Section id="sec-life" title="Renewals, clones and cancellation">
        <Facts
          items={[
            ['Renewals', issued ? (issued.renewals === 0 ? 'Never renewed' : `Renewed ${issued.renewals} ${issued.renewals === 1 ? 'time' : 'times'}`) : '—'],
            ['Cloned from', state.clonedFrom ? <OrderLink key="c" id={state.clonedFrom}>the earlier order this one was cloned from</OrderLink> : 'Not a clone'],
            [
              'Canceled',
              issued?.canceled ? (
                <span key="x">
                  {CANCEL_WORDS[issued.canceled.reason] ?? issued.canceled.reason}, {formatDateTime(issued.canceled.at)}
                  {issued.canceled.note ? `: ${issued.canceled.note}` : ''}
                  {issued.canceled.supersededBy && (
                    <>
                      {' '}
                      — replaced by <OrderLink id={issued.canceled.supersededBy}>the superseding order</OrderLink>
                    </>
                  )}
                </span>
              ) : (
                'No'
              ),
            ],
          ]}
        />
      </Section>

      <Section id="sec-images" title="Images">
        {state.images.length === 0 ? (
          <p>No image of the signed order is attached yet.</p>
        ) : (
          <ul className="ccpor-image-list">
            {state.images.map((img, i) => (
              <li key={img.sha256}>
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => onShowImage(i)}>
                  {imageLabel(img, i)}
                </button>{' '}
                <span className="ccpor-muted">
                  {bytesWords(img.bytes)}
                  {img.fileName ? `, ${img.fileName}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
};
