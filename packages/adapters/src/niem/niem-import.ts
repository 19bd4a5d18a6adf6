import * as E from 'fp-ts/Either';
import { XMLParser } from 'fast-xml-parser';
import * as t from 'io-ts';
import { decodeWith, DraftDetails, ServiceRecord } from '@ccpor/domain';
import type { SchemaViolation, XsdValidator } from './xsd-validator';

/** An order read from an exchange document: the details for a draft, and the service records it carried. */
export interface ImportedOrder {
  readonly details: DraftDetails;
  readonly services: readonly ServiceRecord[];
  /** The order id the sending system gave it (nc:ActivityIdentification), for the record only. */
  readonly sourceOrderId?: string;
}

/** Why a document was refused: where (XPath, with the prefixes of the mapping document) and why. */
export interface ImportProblem {
  readonly xpath: string;
  readonly reason: string;
  /** The source line, for schema violations. */
  readonly line?: number;
}

/** Documents larger than this are refused before parsing (a protection order is a few kilobytes). */
export const MAX_DOCUMENT_BYTES = 1_000_000;

const ROOT = '/ccpor:ProtectionOrderExchange';
const PO = `${ROOT}/j:ProtectionOrder`;
const AUG = `${PO}/ccpor:ProtectionOrderAugmentation`;

const REPEATED = new Set([
  'Person',
  'Organization',
  'ProtectionOrderProtectedPersonAssociation',
  'PersonAugmentation',
  'OrderProvision',
  'OrderService',
  'ProvisionStayAwayPlaceCode',
  'OrderAssignedAgencyORI',
  'ProtectionOrderConditionCode',
  'ActivityIdentification',
]);

type XNode = Record<string, unknown>;

const node = (v: unknown): XNode | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XNode) : undefined);
const list = (v: unknown): XNode[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => node(x) ?? { '#text': x });
const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const n = node(v);
  return n !== undefined && n['#text'] !== undefined ? String(n['#text']) : undefined;
};
const strs = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(str).filter((s): s is string => s !== undefined);
const bool = (v: unknown): boolean | undefined => {
  const s = str(v);
  return s === undefined ? undefined : s === 'true' || s === '1';
};
const path = (obj: XNode | undefined, ...keys: string[]): unknown => keys.reduce<unknown>((o, k) => node(o)?.[k], obj);

/**
 * Reads a document already valid against the exchange schema into registry values, remembering
 * for each value the XPath it came from so that a rule the registry checks (io-ts codecs) is
 * reported against the document. Namespaces were checked by the schema, so local names are read.
 */
class DocumentReader {
  readonly paths = new Map<string, string>();
  readonly problems: ImportProblem[] = [];

  constructor(private readonly root: XNode) {}

  private at(field: string, xpath: string): void {
    this.paths.set(field, xpath);
  }

  xpathOf(field: string): string {
    // The longest recorded prefix of the field: `protectedPersons.0.name.last` → that name's XPath.
    const parts = field.split('.');
    for (let n = parts.length; n > 0; n -= 1) {
      const found = this.paths.get(parts.slice(0, n).join('.'));
      if (found !== undefined) return found;
    }
    return PO;
  }

  read(): { raw: Record<string, unknown>; services: unknown[]; sourceOrderId?: string } {
    const po = node(this.root.ProtectionOrder) ?? {};
    const aug = node(po.ProtectionOrderAugmentation) ?? {};
    const persons = list(this.root.Person);
    const byId = new Map<string, { person: XNode; xpath: string }>();
    persons.forEach((p, i) => {
      const id = str(p['@_id']);
      if (id !== undefined) byId.set(id, { person: p, xpath: `${ROOT}/nc:Person[${i + 1}]` });
    });
    const personRef = (assoc: XNode | undefined, assocPath: string): { person: XNode; xpath: string } | undefined => {
      // nc:Person repeats at the document's top level, so the parser makes it a list everywhere.
      const id = str(list(assoc?.Person)[0]?.['@_ref']);
      if (id === undefined) {
        this.problems.push({ xpath: `${assocPath}/nc:Person`, reason: 'names no person (structures:ref is required)' });
        return undefined;
      }
      const found = byId.get(id);
      if (found === undefined) this.problems.push({ xpath: `${assocPath}/nc:Person/@structures:ref`, reason: `refers to "${id}", which is no nc:Person of this document` });
      return found;
    };

    const raw: Record<string, unknown> = {};
    const set = (field: string, value: unknown, xpath: string): void => {
      if (value === undefined) return;
      raw[field] = value;
      this.at(field, xpath);
    };

    set('form', str(aug.OrderFormNumberCode), `${AUG}/ccpor:OrderFormNumberCode`);
    const court = node(po.CourtOrderIssuingCourt);
    if (court !== undefined) {
      const courtPath = `${PO}/j:CourtOrderIssuingCourt`;
      set(
        'court',
        {
          ori: str(path(court, 'OrganizationIdentification', 'IdentificationID')),
          name: str(court.OrganizationName),
          county: str(path(court, 'CourtAugmentation', 'CourtCountyCode')),
          ...(court.CourtName !== undefined ? { department: str(court.CourtName) } : {}),
        },
        courtPath,
      );
      this.at('court.ori', `${courtPath}/nc:OrganizationIdentification/nc:IdentificationID`);
      this.at('court.name', `${courtPath}/nc:OrganizationName`);
      this.at('court.county', `${courtPath}/ccpor:CourtAugmentation/ccpor:CourtCountyCode`);
      this.at('court.department', `${courtPath}/j:CourtName`);
    }
    set('caseNumber', str(path(po, 'ActivityAugmentation', 'CaseNumberText')), `${PO}/j:ActivityAugmentation/j:CaseNumberText`);
    set('issuedAt', str(path(po, 'CourtOrderIssuingDate', 'DateTime')), `${PO}/j:CourtOrderIssuingDate/nc:DateTime`);
    set(
      'judicialOfficer',
      str(path(po, 'CourtOrderIssuingJudicialOfficial', 'RoleOfPerson', 'PersonName', 'PersonFullName')),
      `${PO}/j:CourtOrderIssuingJudicialOfficial/nc:RoleOfPerson/nc:PersonName/nc:PersonFullName`,
    );

    const respondent = node(this.root.ProtectionOrderRespondentPersonAssociation);
    if (respondent !== undefined) {
      const found = personRef(respondent, `${ROOT}/j:ProtectionOrderRespondentPersonAssociation`);
      if (found !== undefined) set('restrainedPerson', this.restrained(found.person, found.xpath, 'restrainedPerson'), found.xpath);
    }
    const protectedAssocs = list(this.root.ProtectionOrderProtectedPersonAssociation);
    if (protectedAssocs.length > 0) {
      const people: unknown[] = [];
      protectedAssocs.forEach((assoc, i) => {
        const found = personRef(assoc, `${ROOT}/j:ProtectionOrderProtectedPersonAssociation[${i + 1}]`);
        if (found !== undefined) people.push(this.protectedPerson(found.person, found.xpath, `protectedPersons.${people.length}`));
      });
      set('protectedPersons', people, `${ROOT}/j:ProtectionOrderProtectedPersonAssociation`);
    }
    const petitionerPerson = node(this.root.ProtectionOrderPetitionerPersonAssociation);
    const petitionerOrg = node(this.root.ProtectionOrderPetitionerOrganizationAssociation);
    if (petitionerPerson !== undefined) {
      const found = personRef(petitionerPerson, `${ROOT}/j:ProtectionOrderPetitionerPersonAssociation`);
      if (found !== undefined) set('petitioner', { kind: 'person', name: this.name(found.person, found.xpath, 'petitioner.name') }, found.xpath);
    } else if (petitionerOrg !== undefined) {
      const id = str(list(petitionerOrg.Organization)[0]?.['@_ref']);
      const orgs = list(this.root.Organization);
      const index = orgs.findIndex((o) => str(o['@_id']) === id);
      if (index < 0) {
        this.problems.push({ xpath: `${ROOT}/j:ProtectionOrderPetitionerOrganizationAssociation/nc:Organization/@structures:ref`, reason: `refers to "${id ?? ''}", which is no nc:Organization of this document` });
      } else {
        set('petitioner', { kind: 'organization', name: str(orgs[index]?.OrganizationName) }, `${ROOT}/nc:Organization[${index + 1}]/nc:OrganizationName`);
      }
    }

    const expirationDate = str(aug.OrderExpirationDate);
    if (expirationDate !== undefined) {
      const time = str(aug.OrderExpirationTime);
      set('expiration', { kind: 'date', date: expirationDate, ...(time !== undefined ? { time } : {}) }, `${AUG}/ccpor:OrderExpirationDate`);
      this.at('expiration.time', `${AUG}/ccpor:OrderExpirationTime`);
    } else if (bool(aug.OrderNonExpiringIndicator) === true) {
      set('expiration', { kind: 'non-expiring' }, `${AUG}/ccpor:OrderNonExpiringIndicator`);
    }
    const hearing = node(aug.OrderHearing);
    if (hearing !== undefined) {
      const goodCause = bool(hearing.HearingGoodCauseIndicator);
      set(
        'hearing',
        { at: str(hearing.HearingDateTime), ...(goodCause !== undefined ? { goodCause } : {}), ...(hearing.HearingDepartmentText !== undefined ? { department: str(hearing.HearingDepartmentText) } : {}) },
        `${AUG}/ccpor:OrderHearing`,
      );
      this.at('hearing.at', `${AUG}/ccpor:OrderHearing/ccpor:HearingDateTime`);
    }
    const provisions = list(aug.OrderProvision);
    if (provisions.length > 0) set('provisions', provisions.map((p, i) => this.provision(p, i)), `${AUG}/ccpor:OrderProvision`);
    const pco = strs(po.ProtectionOrderConditionCode);
    if (pco.length > 0) set('pcoCodes', pco, `${PO}/ncic:ProtectionOrderConditionCode`);
    set('terms', str(po.ProtectionOrderConditionText), `${PO}/j:ProtectionOrderConditionText`);
    set('sealed', bool(aug.OrderSealedIndicator), `${AUG}/ccpor:OrderSealedIndicator`);
    // The registry's Y/N/U code wins; a plain NIEM document carries only the boolean.
    const bradyCode = str(aug.OrderBradyCode);
    const bradyFlag = bool(po.ProtectionOrderBradyIndicator);
    if (bradyCode !== undefined) set('brady', bradyCode, `${AUG}/ccpor:OrderBradyCode`);
    else if (bradyFlag !== undefined) set('brady', bradyFlag ? 'Y' : 'N', `${PO}/j:ProtectionOrderBradyIndicator`);
    set('serviceByMailPermitted', bool(aug.OrderServiceByMailPermittedIndicator), `${AUG}/ccpor:OrderServiceByMailPermittedIndicator`);
    const alternative = node(aug.OrderAlternativeService);
    if (alternative !== undefined) {
      const ap = `${AUG}/ccpor:OrderAlternativeService`;
      set('alternativeService', { orderedOn: str(alternative.AlternativeServiceOrderedDate), method: str(alternative.AlternativeServiceMethodText) }, ap);
      this.at('alternativeService.orderedOn', `${ap}/ccpor:AlternativeServiceOrderedDate`);
      this.at('alternativeService.method', `${ap}/ccpor:AlternativeServiceMethodText`);
    }
    set('firearmReviewHearingAt', str(aug.OrderFirearmReviewHearingDateTime), `${AUG}/ccpor:OrderFirearmReviewHearingDateTime`);
    const registration = node(aug.OrderRegistration);
    if (registration !== undefined) {
      const rp = `${AUG}/ccpor:OrderRegistration`;
      const stage = str(registration.RegistrationForeignStageCode);
      set(
        'registration',
        {
          registeredAt: str(registration.RegistrationDateTime),
          jurisdiction: { kind: str(registration.RegistrationJurisdictionCategoryCode), name: str(registration.RegistrationJurisdictionName) },
          issuingCourt: str(registration.RegistrationIssuingCourtName),
          foreignCaseNumber: str(registration.RegistrationForeignCaseNumberText),
          ...(stage !== undefined ? { foreignStage: stage } : {}),
        },
        rp,
      );
      this.at('registration.registeredAt', `${rp}/ccpor:RegistrationDateTime`);
      this.at('registration.jurisdiction.name', `${rp}/ccpor:RegistrationJurisdictionName`);
      this.at('registration.issuingCourt', `${rp}/ccpor:RegistrationIssuingCourtName`);
      this.at('registration.foreignCaseNumber', `${rp}/ccpor:RegistrationForeignCaseNumberText`);
    }
    const retail = node(aug.OrderRetailEstablishment);
    if (retail !== undefined) {
      const ep = `${AUG}/ccpor:OrderRetailEstablishment`;
      const other = str(retail.RetailEstablishmentOtherLocationsText);
      set('retailEstablishment', { name: str(retail.RetailEstablishmentName), address: str(retail.RetailEstablishmentAddressText), ...(other !== undefined ? { otherLocations: other } : {}) }, ep);
      this.at('retailEstablishment.name', `${ep}/ccpor:RetailEstablishmentName`);
      this.at('retailEstablishment.address', `${ep}/ccpor:RetailEstablishmentAddressText`);
      this.at('retailEstablishment.otherLocations', `${ep}/ccpor:RetailEstablishmentOtherLocationsText`);
    }
    set('agencyCaseNumber', str(aug.OrderAgencyCaseNumberText), `${AUG}/ccpor:OrderAgencyCaseNumberText`);
    const assigned = strs(aug.OrderAssignedAgencyORI);
    if (assigned.length > 0) {
      set('assignedAgencies', assigned, `${AUG}/ccpor:OrderAssignedAgencyORI`);
      assigned.forEach((_, i) => this.at(`assignedAgencies.${i}`, `${AUG}/ccpor:OrderAssignedAgencyORI[${i + 1}]`));
    }

    const services = list(aug.OrderService).map((s, i) => {
      const sp = `${AUG}/ccpor:OrderService[${i + 1}]`;
      this.at(`services.${i}`, sp);
      this.at(`services.${i}.serviceId`, `${sp}/ccpor:ServiceIdentificationText`);
      this.at(`services.${i}.servedAt`, `${sp}/ccpor:ServiceDateTime`);
      this.at(`services.${i}.servedBy`, `${sp}/j:CourtOrderServiceOfficialEnforcement`);
      this.at(`services.${i}.servingAgencyOri`, `${sp}/ccpor:ServiceAgencyORI`);
      this.at(`services.${i}.notes`, `${sp}/ccpor:ServiceNotesText`);
      const official = node(s.CourtOrderServiceOfficialEnforcement);
      const badge = str(path(official, 'EnforcementOfficialBadgeIdentification', 'IdentificationID'));
      return {
        serviceId: str(s.ServiceIdentificationText),
        servedAt: str(s.ServiceDateTime),
        method: str(s.ServiceMethodCode),
        servedBy: { name: str(path(official, 'RoleOfPerson', 'PersonName', 'PersonFullName')), ...(badge !== undefined ? { badgeNumber: badge } : {}) },
        servingAgencyOri: str(s.ServiceAgencyORI),
        ...(s.ServiceNotesText !== undefined ? { notes: str(s.ServiceNotesText) } : {}),
        ...(s.ServiceFirearmSurrenderRequestedIndicator !== undefined ? { firearmSurrenderRequested: bool(s.ServiceFirearmSurrenderRequestedIndicator) } : {}),
      };
    });
    const id = list(po.ActivityIdentification).map((a) => str(a.IdentificationID)).find((x) => x !== undefined);
    return { raw, services, ...(id !== undefined ? { sourceOrderId: id } : {}) };
  }

  private name(person: XNode, xpath: string, field: string): Record<string, unknown> {
    const n = node(person.PersonName) ?? {};
    const np = `${xpath}/nc:PersonName`;
    this.at(field, np);
    this.at(`${field}.first`, `${np}/nc:PersonGivenName`);
    this.at(`${field}.middle`, `${np}/nc:PersonMiddleName`);
    this.at(`${field}.last`, `${np}/nc:PersonSurName`);
    this.at(`${field}.suffix`, `${np}/nc:PersonNameSuffixText`);
    return {
      last: str(n.PersonSurName),
      first: str(n.PersonGivenName),
      ...(n.PersonMiddleName !== undefined ? { middle: str(n.PersonMiddleName) } : {}),
      ...(n.PersonNameSuffixText !== undefined ? { suffix: str(n.PersonNameSuffixText) } : {}),
    };
  }

  /** ccpor:PersonAugmentation and j:PersonAugmentation share a local name; their members do not. */
  private augmentation(person: XNode): XNode {
    return Object.assign({}, ...list(person.PersonAugmentation)) as XNode;
  }

  private common(person: XNode, xpath: string, field: string): Record<string, unknown> {
    const aug = this.augmentation(person);
    this.at(`${field}.dateOfBirth`, `${xpath}/nc:PersonBirthDate/nc:Date`);
    this.at(`${field}.sex`, `${xpath}/ncic:PersonSexCode`);
    this.at(`${field}.race`, `${xpath}/ncic:PersonRaceCode`);
    this.at(`${field}.relationship`, `${xpath}/ccpor:PersonAugmentation/ccpor:PersonRelationshipText`);
    const dob = str(path(person, 'PersonBirthDate', 'Date'));
    return {
      name: this.name(person, xpath, `${field}.name`),
      ...(dob !== undefined ? { dateOfBirth: dob } : {}),
      ...(person.PersonSexCode !== undefined ? { sex: str(person.PersonSexCode) } : {}),
      ...(person.PersonRaceCode !== undefined ? { race: str(person.PersonRaceCode) } : {}),
      ...(aug.PersonRelationshipText !== undefined ? { relationship: str(aug.PersonRelationshipText) } : {}),
    };
  }

  private restrained(person: XNode, xpath: string, field: string): Record<string, unknown> {
    this.at(`${field}.height`, `${xpath}/nc:PersonHeightMeasure`);
    this.at(`${field}.weight`, `${xpath}/nc:PersonWeightMeasure`);
    this.at(`${field}.eyes`, `${xpath}/ncic:PersonEyeColorCode`);
    this.at(`${field}.hair`, `${xpath}/ncic:PersonHairColorCode`);
    const inches = str(path(person, 'PersonHeightMeasure', 'MeasureIntegerValue'));
    const pounds = str(path(person, 'PersonWeightMeasure', 'MeasureIntegerValue'));
    const height = inches === undefined ? undefined : `${Math.floor(Number(inches) / 12)}${String(Number(inches) % 12).padStart(2, '0')}`;
    return {
      ...this.common(person, xpath, field),
      ...(height !== undefined ? { height } : {}),
      ...(pounds !== undefined ? { weight: String(Number(pounds)).padStart(3, '0') } : {}),
      ...(person.PersonEyeColorCode !== undefined ? { eyes: str(person.PersonEyeColorCode) } : {}),
      ...(person.PersonHairColorCode !== undefined ? { hair: str(person.PersonHairColorCode) } : {}),
    };
  }

  private protectedPerson(person: XNode, xpath: string, field: string): Record<string, unknown> {
    const aug = this.augmentation(person);
    this.at(field, xpath);
    this.at(`${field}.confidential`, `${xpath}/ccpor:PersonAugmentation/ccpor:PersonConfidentialIndicator`);
    this.at(`${field}.minor`, `${xpath}/ccpor:PersonAugmentation/ccpor:PersonMinorIndicator`);
    const adult = bool(aug.PersonAdultIndicator);
    return {
      ...this.common(person, xpath, field),
      // Absent from a plain NIEM document: not confidential; a minor when NIEM says "not adult".
      confidential: bool(aug.PersonConfidentialIndicator) ?? false,
      minor: bool(aug.PersonMinorIndicator) ?? adult === false,
    };
  }

  private provision(p: XNode, i: number): Record<string, unknown> {
    const pp = `${AUG}/ccpor:OrderProvision[${i + 1}]`;
    this.at(`provisions.${i}`, pp);
    this.at(`provisions.${i}.distanceYards`, `${pp}/ccpor:ProvisionStayAwayDistanceYardsQuantity`);
    this.at(`provisions.${i}.withinHours`, `${pp}/ccpor:ProvisionFirearmRelinquishmentHoursQuantity`);
    this.at(`provisions.${i}.text`, `${pp}/ccpor:ProvisionText`);
    const kind = str(p.ProvisionCategoryCode);
    const opt = (key: string, value: unknown) => (value === undefined ? {} : { [key]: value });
    switch (kind) {
      case 'stay-away':
        return {
          kind,
          distanceYards: Number(str(p.ProvisionStayAwayDistanceYardsQuantity)),
          places: strs(p.ProvisionStayAwayPlaceCode),
          ...opt('otherPlaces', str(p.ProvisionStayAwayOtherPlacesText)),
        };
      case 'residence-exclusion':
        return { kind, ...opt('address', str(p.ProvisionResidenceAddressText)) };
      case 'firearm-relinquishment':
        return { kind, ...opt('withinHours', p.ProvisionFirearmRelinquishmentHoursQuantity === undefined ? undefined : Number(str(p.ProvisionFirearmRelinquishmentHoursQuantity))) };
      case 'custody-visitation-carve-out':
        return { kind, ...opt('description', str(p.ProvisionCustodyVisitationDescriptionText)), ...opt('familyCourtCaseNumber', str(p.ProvisionFamilyCourtCaseNumberText)) };
      case 'other':
        return { kind, text: str(p.ProvisionText) };
      default:
        return { kind };
    }
  }
}

const Services = t.array(ServiceRecord);

const fromViolations = (violations: readonly SchemaViolation[]): ImportProblem[] =>
  violations.map((v) => ({ xpath: v.xpath, reason: v.reason, ...(v.line > 0 ? { line: v.line } : {}) }));

/**
 * Reads one exchange document into a draft's details and its service records. Refused with every
 * problem found, each with its XPath and reason: schema violations first (libxml2 against the
 * schema set in `niem/xsd`), then references that lead nowhere, then the registry's own rules.
 */
export const importProtectionOrder = async (xml: string, validator: XsdValidator): Promise<E.Either<readonly ImportProblem[], ImportedOrder>> => {
  if (Buffer.byteLength(xml, 'utf8') > MAX_DOCUMENT_BYTES) return E.left([{ xpath: '/', reason: `the document is larger than ${MAX_DOCUMENT_BYTES} bytes` }]);
  // NIEM instances never need a DTD; refusing one rules out entity expansion and external entities.
  if (/<!DOCTYPE/i.test(xml)) return E.left([{ xpath: '/', reason: 'a document type declaration (DOCTYPE) is not allowed' }]);
  const violations = await validator.validate(xml);
  if (violations.length > 0) return E.left(fromViolations(violations));

  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    // Text is the order's own (a term may begin with a space); whitespace between elements is never read.
    trimValues: false,
    processEntities: true,
    // Character references (&#13; for a carriage return) are decoded too, not only the five XML entities.
    htmlEntities: true,
    isArray: (name) => REPEATED.has(name),
  }).parse(xml) as XNode;
  const reader = new DocumentReader(node(parsed.ProtectionOrderExchange) ?? {});
  const { raw, services, sourceOrderId } = reader.read();
  const problems: ImportProblem[] = [...reader.problems];
  const details = decodeWith(DraftDetails)(raw);
  if (E.isLeft(details)) {
    const found = (details.left.details?.problems as { field: string; reason: string }[] | undefined) ?? [{ field: details.left.field ?? '', reason: details.left.message }];
    problems.push(...found.map((p) => ({ xpath: reader.xpathOf(p.field), reason: p.field ? `${p.field}: ${p.reason}` : p.reason })));
  }
  const records = decodeWith(Services)(services);
  if (E.isLeft(records)) {
    const found = (records.left.details?.problems as { field: string; reason: string }[] | undefined) ?? [];
    problems.push(...found.map((p) => ({ xpath: reader.xpathOf(`services.${p.field}`), reason: `service ${p.field}: ${p.reason}` })));
  }
  if (problems.length > 0 || E.isLeft(details) || E.isLeft(records)) return E.left(problems);
  return E.right({ details: details.right, services: records.right, ...(sourceOrderId !== undefined ? { sourceOrderId } : {}) });
};
