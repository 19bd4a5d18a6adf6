import { FORM_NUMBERS, formInfo, type StayAwayPlace } from '@ccpor/domain';
import type { Agency } from '../api/types';
import { CODE_SUGGESTIONS } from '../view-logic/typed-entry';
import { CheckField, errorFor, SelectField, TextArea, TextField } from './fields';
import { emptyProtected, sectionsOf, type EntryValues, type PersonValues, type ProtectedValues } from './entry-values';

const PLACES: readonly [StayAwayPlace, string][] = [
  ['person', 'The person'],
  ['home', 'Home'],
  ['workplace', 'Workplace'],
  ['school', 'School'],
  ['vehicle', 'Vehicle'],
  ['childrens-school', 'Children’s school'],
  ['childcare', 'Childcare'],
];

const DATE_HINT = 'mmddyyyy';
const TIME_HINT = 'hhmm, 24-hour';

/**
 * The entry form, in the paper form's order (issue 15): court and case, parties, the restrained
 * person's description, the orders the judge checked, firearms, expiration and hearing. Only the
 * sections the chosen form has; a checked box opens its conditional fields.
 */
export const EntryForm = ({ values, set, errors, courts }: { values: EntryValues; set: (change: (v: EntryValues) => EntryValues) => void; errors: Record<string, string>; courts: readonly Agency[] }) => {
  const s = sectionsOf(values.form);
  const e = (p: string) => errorFor(errors, p);
  const field = <K extends keyof EntryValues>(k: K) => (v: EntryValues[K]) => set((x) => ({ ...x, [k]: v }));
  const r = values.restrained;
  const setR = (k: keyof EntryValues['restrained']) => (v: string) => set((x) => ({ ...x, restrained: { ...x.restrained, [k]: v } }));
  const setP = (i: number, k: keyof ProtectedValues) => (v: string | boolean) =>
    set((x) => ({ ...x, protectedPersons: x.protectedPersons.map((p, j) => (j === i ? { ...p, [k]: v } : p)) }));

  const personFields = (prefix: string, p: PersonValues, on: (k: keyof PersonValues) => (v: string) => void) => (
    <>
      <div className="ccpor-row">
        <TextField path={`${prefix}.name`} label="Last name" value={p.last} onChange={on('last')} error={e(`${prefix}.name`)} className="ccpor-w-md" />
        <TextField path={`${prefix}.name.first`} label="First name" value={p.first} onChange={on('first')} className="ccpor-w-md" />
        <TextField path={`${prefix}.name.middle`} label="Middle" value={p.middle} onChange={on('middle')} className="ccpor-w-sm" />
      </div>
      <div className="ccpor-row">
        <TextField path={`${prefix}.dateOfBirth`} label="Date of birth" hint={DATE_HINT} inputMode="numeric" value={p.dob} onChange={on('dob')} error={e(`${prefix}.dateOfBirth`)} className="ccpor-w-sm" />
        <TextField path={`${prefix}.sex`} label="Sex" hint="code or word" suggestions={CODE_SUGGESTIONS.sex} value={p.sex} onChange={on('sex')} error={e(`${prefix}.sex`)} className="ccpor-w-xs" />
        <TextField path={`${prefix}.race`} label="Race" hint="code or word" suggestions={CODE_SUGGESTIONS.race} value={p.race} onChange={on('race')} error={e(`${prefix}.race`)} className="ccpor-w-xs" />
        <TextField path={`${prefix}.relationship`} label="Relationship" value={p.relationship} onChange={on('relationship')} error={e(`${prefix}.relationship`)} className="ccpor-w-md" />
      </div>
    </>
  );

  return (
    <div className="ccpor-entry-form">
      <fieldset className="usa-fieldset ccpor-section">
        <legend className="ccpor-section__title">1. Court and case</legend>
        <div className="ccpor-row">
          <SelectField path="form" label="Form" value={values.form} onChange={field('form')} error={e('form')} empty="Choose the form" options={FORM_NUMBERS.map((f) => ({ value: f, label: `${f} — ${formInfo(f).title}` }))} className="ccpor-w-lg" />
        </div>
        <div className="ccpor-row">
          <SelectField
            path="court.ori"
            label="Issuing court"
            value={values.courtOri}
            error={e('court.ori') ?? e('court')}
            empty="Choose the court"
            options={courts.map((c) => ({ value: c.ori, label: `${c.name} (${c.ori})` }))}
            onChange={(ori) => {
              const c = courts.find((x) => x.ori === ori);
              set((x) => ({ ...x, courtOri: ori, courtCounty: c?.county ?? '', courtName: c?.name ?? '' }));
            }}
            className="ccpor-w-lg"
          />
          <TextField path="court.department" label="Department" value={values.department} onChange={field('department')} className="ccpor-w-sm" />
        </div>
        <div className="ccpor-row">
          <TextField path="caseNumber" label="Case number" value={values.caseNumber} onChange={field('caseNumber')} error={e('caseNumber')} className="ccpor-w-md" />
          <TextField path="issuedAt" label="Date issued" hint={DATE_HINT} inputMode="numeric" value={values.issuedDate} onChange={field('issuedDate')} error={e('issuedAt')} className="ccpor-w-sm" />
          <TextField path="issuedAt.time" label="Time issued" hint={TIME_HINT} inputMode="numeric" value={values.issuedTime} onChange={field('issuedTime')} className="ccpor-w-xs" />
        </div>
        <TextField path="judicialOfficer" label="Judicial officer" value={values.judicialOfficer} onChange={field('judicialOfficer')} error={e('judicialOfficer')} className="ccpor-w-lg" />
        {s?.registration && (
          <fieldset className="usa-fieldset ccpor-subsection">
            <legend>Registration of an order of another jurisdiction</legend>
            <div className="ccpor-row">
              <SelectField path="registration.kind" label="Issuing jurisdiction is a" value={values.regJurisdictionKind} onChange={(v) => set((x) => ({ ...x, regJurisdictionKind: v as EntryValues['regJurisdictionKind'] }))} options={[{ value: 'state', label: 'State' }, { value: 'tribe', label: 'Tribe' }, { value: 'territory', label: 'Territory' }, { value: 'canada', label: 'Canada' }]} className="ccpor-w-sm" />
              <TextField path="registration" label="Jurisdiction name" value={values.regJurisdictionName} onChange={field('regJurisdictionName')} error={e('registration')} className="ccpor-w-md" />
            </div>
            <div className="ccpor-row">
              <TextField path="registration.issuingCourt" label="Issuing court" value={values.regIssuingCourt} onChange={field('regIssuingCourt')} className="ccpor-w-md" />
              <TextField path="registration.foreignCaseNumber" label="Its case number" value={values.regCaseNumber} onChange={field('regCaseNumber')} className="ccpor-w-sm" />
              <TextField path="registration.registeredAt" label="Registered on" hint={DATE_HINT} inputMode="numeric" value={values.regDate} onChange={field('regDate')} className="ccpor-w-sm" />
            </div>
          </fieldset>
        )}
      </fieldset>

      <fieldset className="usa-fieldset ccpor-section">
        <legend className="ccpor-section__title">2. Parties</legend>
        {s?.retail && (
          <fieldset className="usa-fieldset ccpor-subsection">
            <legend>Retail establishment protected</legend>
            <div className="ccpor-row">
              <TextField path="retailEstablishment" label="Establishment name" value={values.retailName} onChange={field('retailName')} error={e('retailEstablishment')} className="ccpor-w-md" />
              <TextField path="retailEstablishment.address" label="Address" value={values.retailAddress} onChange={field('retailAddress')} className="ccpor-w-lg" />
            </div>
            <TextField path="retailEstablishment.otherLocations" label="Other locations the order names" value={values.retailOtherLocations} onChange={field('retailOtherLocations')} className="ccpor-w-lg" />
          </fieldset>
        )}
        {(!s || s.protectedPersons) &&
          values.protectedPersons.map((p, i) => (
            <fieldset key={i} className="usa-fieldset ccpor-subsection">
              <legend>Protected person {values.protectedPersons.length > 1 ? i + 1 : ''}</legend>
              {personFields(`protectedPersons.${i}`, p, (k) => setP(i, k) as (v: string) => void)}
              <div className="ccpor-row">
                <CheckField path={`protectedPersons.${i}.confidential`} label="Confidential (identity withheld)" checked={p.confidential} onChange={setP(i, 'confidential')} />
                <CheckField path={`protectedPersons.${i}.minor`} label="Minor" checked={p.minor} onChange={setP(i, 'minor')} />
                {values.protectedPersons.length > 1 && (
                  <button type="button" className="usa-button usa-button--unstyled" onClick={() => set((x) => ({ ...x, protectedPersons: x.protectedPersons.filter((_, j) => j !== i) }))}>
                    Remove protected person {i + 1}
                  </button>
                )}
              </div>
            </fieldset>
          ))}
        {(!s || s.protectedPersons) && values.protectedPersons.length < 20 && (
          <button type="button" className="usa-button usa-button--outline ccpor-small-button" onClick={() => set((x) => ({ ...x, protectedPersons: [...x.protectedPersons, emptyProtected()] }))}>
            Add a protected person
          </button>
        )}
        <fieldset className="usa-fieldset ccpor-subsection">
          <legend>Petitioner</legend>
          {s?.petitionerOrganization && (
            <SelectField path="petitioner.kind" label="The petitioner is" value={values.petitionerKind} onChange={(v) => set((x) => ({ ...x, petitionerKind: v as 'person' | 'organization' }))} options={[{ value: 'person', label: 'A person' }, { value: 'organization', label: 'An employer, school or business' }]} className="ccpor-w-md" />
          )}
          {values.petitionerKind === 'organization' ? (
            <TextField path="petitioner" label="Organization name" value={values.petitionerOrg} onChange={field('petitionerOrg')} error={e('petitioner')} className="ccpor-w-lg" />
          ) : (
            <div className="ccpor-row">
              <TextField path="petitioner" label="Petitioner’s last name" value={values.petitionerLast} onChange={field('petitionerLast')} error={e('petitioner')} className="ccpor-w-md" />
              <TextField path="petitioner.first" label="Petitioner’s first name" value={values.petitionerFirst} onChange={field('petitionerFirst')} className="ccpor-w-md" />
            </div>
          )}
        </fieldset>
      </fieldset>

      <fieldset className="usa-fieldset ccpor-section">
        <legend className="ccpor-section__title">3. Restrained person’s description</legend>
        {personFields('restrainedPerson', r, (k) => setR(k))}
        <div className="ccpor-row">
          <TextField path="restrainedPerson.height" label="Height" hint="510 = 5 ft 10 in" value={r.height} onChange={setR('height')} error={e('restrainedPerson.height')} className="ccpor-w-xs" />
          <TextField path="restrainedPerson.weight" label="Weight (lb)" inputMode="numeric" value={r.weight} onChange={setR('weight')} error={e('restrainedPerson.weight')} className="ccpor-w-xs" />
          <TextField path="restrainedPerson.eyes" label="Eyes" hint="code or word" suggestions={CODE_SUGGESTIONS.eyes} value={r.eyes} onChange={setR('eyes')} error={e('restrainedPerson.eyes')} className="ccpor-w-xs" />
          <TextField path="restrainedPerson.hair" label="Hair" hint="code or word" suggestions={CODE_SUGGESTIONS.hair} value={r.hair} onChange={setR('hair')} error={e('restrainedPerson.hair')} className="ccpor-w-xs" />
        </div>
      </fieldset>

      <fieldset className="usa-fieldset ccpor-section">
        <legend className="ccpor-section__title">4. Orders the judge checked</legend>
        <CheckField path="provisions.personal-conduct" label="Personal conduct orders (no harassing, attacking, stalking, threatening …)" checked={values.personalConduct} onChange={field('personalConduct')} />
        <CheckField path="provisions.no-contact" label="No contact, directly or indirectly" checked={values.noContact} onChange={field('noContact')} />
        <CheckField path="provisions.peaceful" label="Peaceful contact only" checked={values.peacefulContactOnly} onChange={field('peacefulContactOnly')} />
        <CheckField path="provisions.stay-away-box" label="Stay-away order" checked={values.stayAway} onChange={field('stayAway')} />
        {values.stayAway && (
          <fieldset className="usa-fieldset ccpor-subsection">
            <legend>Stay away</legend>
            <TextField path="provisions.stayAway" label="Distance in yards" inputMode="numeric" value={values.stayAwayYards} onChange={field('stayAwayYards')} error={e('provisions.stayAway') ?? e('provisions')} className="ccpor-w-xs" />
            <div className="ccpor-row">
              {PLACES.map(([place, words]) => (
                <CheckField
                  key={place}
                  path={`provisions.stayAway.${place}`}
                  label={words}
                  checked={values.stayAwayPlaces.includes(place)}
                  onChange={(on) => set((x) => ({ ...x, stayAwayPlaces: on ? [...x.stayAwayPlaces, place] : x.stayAwayPlaces.filter((p) => p !== place) }))}
                />
              ))}
            </div>
          </fieldset>
        )}
        <CheckField path="provisions.residence" label="Move out and stay out of the residence" checked={values.residenceExclusion} onChange={field('residenceExclusion')} />
        <CheckField path="provisions.custody" label="Contact allowed for court-ordered custody or visitation" checked={values.custodyCarveOut} onChange={field('custodyCarveOut')} />
        <TextField path="provisions.other" label="Other order (as written)" value={values.otherOrder} onChange={field('otherOrder')} className="ccpor-w-lg" />
        <TextField path="pcoCodes" label="PCO condition codes" hint="01–09, separated by spaces or commas" value={values.pcoCodes} onChange={field('pcoCodes')} error={e('pcoCodes')} className="ccpor-w-md" />
        <TextArea path="terms" label="The judge’s terms and notes" value={values.terms} onChange={field('terms')} error={e('terms')} />
      </fieldset>

      {(!s || s.firearms) && (
        <fieldset className="usa-fieldset ccpor-section">
          <legend className="ccpor-section__title">5. Firearms</legend>
          <CheckField path="provisions.firearms" label="Relinquish firearms and ammunition (within 24 hours of service; receipt within 48 hours)" checked={values.firearms} onChange={field('firearms')} />
          {values.firearms && <TextField path="firearmReviewHearingAt" label="Firearm relinquishment review hearing" hint={DATE_HINT} inputMode="numeric" value={values.firearmReviewDate} onChange={field('firearmReviewDate')} error={e('firearmReviewHearingAt')} className="ccpor-w-sm" />}
        </fieldset>
      )}

      <fieldset className="usa-fieldset ccpor-section">
        <legend className="ccpor-section__title">6. Expiration and hearing</legend>
        {s?.hearing !== 'none' && (
          <div className="ccpor-row">
            <TextField path="hearing.at" label={s?.hearing === 'required' ? 'Hearing date' : 'Hearing date (if on the form)'} hint={DATE_HINT} inputMode="numeric" value={values.hearingDate} onChange={field('hearingDate')} error={e('hearing.at') ?? e('hearing')} className="ccpor-w-sm" />
            <TextField path="hearing.time" label="Hearing time" hint={TIME_HINT} inputMode="numeric" value={values.hearingTime} onChange={field('hearingTime')} className="ccpor-w-xs" />
            {s?.hearing === 'required' && <CheckField path="hearing.goodCause" label="Good cause for a later hearing" checked={values.hearingGoodCause} onChange={field('hearingGoodCause')} />}
          </div>
        )}
        {(!s || s.expiration) && (
          <div className="ccpor-row">
            <TextField path="expiration" label="Expiration date written on the order" hint={`${DATE_HINT}; blank when none is written`} inputMode="numeric" value={values.expirationDate} onChange={field('expirationDate')} error={e('expiration')} className="ccpor-w-sm" />
            <TextField path="expiration.time" label="Expiration time" hint={TIME_HINT} inputMode="numeric" value={values.expirationTime} onChange={field('expirationTime')} className="ccpor-w-xs" />
          </div>
        )}
        <CheckField path="sealed" label="Sealed by the court" checked={values.sealed} onChange={field('sealed')} />
      </fieldset>
    </div>
  );
};
