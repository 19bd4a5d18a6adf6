import { XMLBuilder } from 'fast-xml-parser';
import {
  formInfo,
  heightInches,
  type DraftDetails,
  type OrderState,
  type PersonName,
  type ProtectedPerson,
  type Provision,
  type Registration,
  type RetailEstablishment,
  type RestrainedPerson,
  type ServiceRecord,
} from '@ccpor/domain';
import { NIEM_NAMESPACES } from './niem-namespaces';

/** What the exchange carries of an order: its identity, details, service records and life facts. */
export interface ExportableOrder {
  readonly orderId: string;
  /** A draft or an added order (drafts carry only what has been entered). */
  readonly state: Extract<OrderState, { status: 'draft' | 'issued' }>;
}

type Node = Record<string, unknown>;

const ref = (id: string): Node => ({ '@_structures:ref': id });
/**
 * xs:dateTime requires seconds; the registry also accepts instants written to the minute
 * ("…T08:01-08:00"). Such an instant is written with ":00" seconds: the same instant.
 */
export const xsDateTime = (iso: string): string => iso.replace(/(T\d{2}:\d{2})(Z|[+-]\d{2}:\d{2})$/, '$1:00$2');
const dateTime = (iso: string): Node => ({ 'nc:DateTime': xsDateTime(iso) });

/** Characters XML 1.0 forbids in a document (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Ids of the document's objects, referred to by the associations. */
export const OBJECT_IDS = {
  order: 'order',
  restrained: 'restrained',
  protectedPerson: (i: number) => `protected-${i + 1}`,
  petitioner: 'petitioner',
} as const;

const personName = (n: PersonName): Node => ({
  'nc:PersonGivenName': n.first,
  ...(n.middle !== undefined ? { 'nc:PersonMiddleName': n.middle } : {}),
  'nc:PersonSurName': n.last,
  ...(n.suffix !== undefined ? { 'nc:PersonNameSuffixText': n.suffix } : {}),
});

const restrainedPerson = (p: RestrainedPerson): Node => ({
  '@_structures:id': OBJECT_IDS.restrained,
  ...(p.dateOfBirth !== undefined ? { 'nc:PersonBirthDate': { 'nc:Date': p.dateOfBirth } } : {}),
  ...(p.eyes !== undefined ? { 'ncic:PersonEyeColorCode': p.eyes } : {}),
  ...(p.hair !== undefined ? { 'ncic:PersonHairColorCode': p.hair } : {}),
  ...(p.height !== undefined ? { 'nc:PersonHeightMeasure': { 'nc:MeasureIntegerValue': String(heightInches(p.height)), 'unece:LengthUnitCode': 'INH' } } : {}),
  'nc:PersonName': personName(p.name),
  ...(p.race !== undefined ? { 'ncic:PersonRaceCode': p.race } : {}),
  ...(p.sex !== undefined ? { 'ncic:PersonSexCode': p.sex } : {}),
  ...(p.weight !== undefined ? { 'nc:PersonWeightMeasure': { 'nc:MeasureIntegerValue': String(Number(p.weight)), 'unece:MassUnitCode': 'LBR' } } : {}),
  'j:PersonAugmentation': { 'j:PersonProtectionOrderRespondentIndicator': 'true' },
  ...(p.relationship !== undefined ? { 'ccpor:PersonAugmentation': { 'ccpor:PersonRelationshipText': p.relationship } } : {}),
});

const protectedPerson = (p: ProtectedPerson, i: number): Node => ({
  '@_structures:id': OBJECT_IDS.protectedPerson(i),
  ...(p.dateOfBirth !== undefined ? { 'nc:PersonBirthDate': { 'nc:Date': p.dateOfBirth } } : {}),
  'nc:PersonName': personName(p.name),
  ...(p.race !== undefined ? { 'ncic:PersonRaceCode': p.race } : {}),
  ...(p.sex !== undefined ? { 'ncic:PersonSexCode': p.sex } : {}),
  'j:PersonAugmentation': { 'j:PersonAdultIndicator': String(!p.minor) },
  'ccpor:PersonAugmentation': {
    'ccpor:PersonConfidentialIndicator': String(p.confidential),
    'ccpor:PersonMinorIndicator': String(p.minor),
    ...(p.relationship !== undefined ? { 'ccpor:PersonRelationshipText': p.relationship } : {}),
  },
});

const provision = (p: Provision): Node => {
  const base: Node = { 'ccpor:ProvisionCategoryCode': p.kind };
  switch (p.kind) {
    case 'stay-away':
      return {
        ...base,
        'ccpor:ProvisionStayAwayDistanceYardsQuantity': String(p.distanceYards),
        ...(p.places.length > 0 ? { 'ccpor:ProvisionStayAwayPlaceCode': [...p.places] } : {}),
        ...(p.otherPlaces !== undefined ? { 'ccpor:ProvisionStayAwayOtherPlacesText': p.otherPlaces } : {}),
      };
    case 'residence-exclusion':
      return { ...base, ...(p.address !== undefined ? { 'ccpor:ProvisionResidenceAddressText': p.address } : {}) };
    case 'firearm-relinquishment':
      // Without hours the order relies on the statute's own deadline (docs/law/firearms.md).
      return { ...base, ...(p.withinHours !== undefined ? { 'ccpor:ProvisionFirearmRelinquishmentHoursQuantity': String(p.withinHours) } : {}) };
    case 'custody-visitation-carve-out':
      return {
        ...base,
        ...(p.description !== undefined ? { 'ccpor:ProvisionCustodyVisitationDescriptionText': p.description } : {}),
        ...(p.familyCourtCaseNumber !== undefined ? { 'ccpor:ProvisionFamilyCourtCaseNumberText': p.familyCourtCaseNumber } : {}),
      };
    case 'other':
      return { ...base, 'ccpor:ProvisionText': p.text };
    case 'personal-conduct':
    case 'no-contact':
    case 'peaceful-contact-only':
      return base;
  }
};

const service = (s: ServiceRecord): Node => ({
  'ccpor:ServiceIdentificationText': s.serviceId,
  'ccpor:ServiceDateTime': xsDateTime(s.servedAt),
  'ccpor:ServiceMethodCode': s.method,
  'j:CourtOrderServiceOfficialEnforcement': {
    'nc:RoleOfPerson': { 'nc:PersonName': { 'nc:PersonFullName': s.servedBy.name } },
    ...(s.servedBy.badgeNumber !== undefined ? { 'j:EnforcementOfficialBadgeIdentification': { 'nc:IdentificationID': s.servedBy.badgeNumber } } : {}),
  },
  'ccpor:ServiceAgencyORI': s.servingAgencyOri,
  ...(s.notes !== undefined ? { 'ccpor:ServiceNotesText': s.notes } : {}),
  ...(s.firearmSurrenderRequested !== undefined ? { 'ccpor:ServiceFirearmSurrenderRequestedIndicator': String(s.firearmSurrenderRequested) } : {}),
});

const registration = (r: Registration): Node => ({
  'ccpor:RegistrationDateTime': xsDateTime(r.registeredAt),
  'ccpor:RegistrationJurisdictionCategoryCode': r.jurisdiction.kind,
  'ccpor:RegistrationJurisdictionName': r.jurisdiction.name,
  'ccpor:RegistrationIssuingCourtName': r.issuingCourt,
  'ccpor:RegistrationForeignCaseNumberText': r.foreignCaseNumber,
  ...(r.foreignStage !== undefined ? { 'ccpor:RegistrationForeignStageCode': r.foreignStage } : {}),
});

const retailEstablishment = (r: RetailEstablishment): Node => ({
  'ccpor:RetailEstablishmentName': r.name,
  'ccpor:RetailEstablishmentAddressText': r.address,
  ...(r.otherLocations !== undefined ? { 'ccpor:RetailEstablishmentOtherLocationsText': r.otherLocations } : {}),
});

const augmentation = (d: DraftDetails, expiresAt: string | null | undefined, services: readonly ServiceRecord[]): Node => {
  const e = d.expiration;
  const node: Node = {
    ...(d.form !== undefined ? { 'ccpor:OrderFormNumberCode': d.form } : {}),
    ...(d.agencyCaseNumber !== undefined ? { 'ccpor:OrderAgencyCaseNumberText': d.agencyCaseNumber } : {}),
    ...(e?.kind === 'date' ? { 'ccpor:OrderExpirationDate': e.date, ...(e.time !== undefined ? { 'ccpor:OrderExpirationTime': e.time } : {}) } : {}),
    ...(e?.kind === 'non-expiring' ? { 'ccpor:OrderNonExpiringIndicator': 'true' } : {}),
    ...(typeof expiresAt === 'string' ? { 'ccpor:OrderExpirationDateTime': xsDateTime(expiresAt) } : {}),
    ...(d.hearing !== undefined
      ? {
          'ccpor:OrderHearing': {
            'ccpor:HearingDateTime': xsDateTime(d.hearing.at),
            ...(d.hearing.goodCause !== undefined ? { 'ccpor:HearingGoodCauseIndicator': String(d.hearing.goodCause) } : {}),
            ...(d.hearing.department !== undefined ? { 'ccpor:HearingDepartmentText': d.hearing.department } : {}),
          },
        }
      : {}),
    ...(d.brady !== undefined ? { 'ccpor:OrderBradyCode': d.brady } : {}),
    ...(d.sealed !== undefined ? { 'ccpor:OrderSealedIndicator': String(d.sealed) } : {}),
    ...(d.serviceByMailPermitted !== undefined ? { 'ccpor:OrderServiceByMailPermittedIndicator': String(d.serviceByMailPermitted) } : {}),
    ...(d.alternativeService !== undefined
      ? { 'ccpor:OrderAlternativeService': { 'ccpor:AlternativeServiceOrderedDate': d.alternativeService.orderedOn, 'ccpor:AlternativeServiceMethodText': d.alternativeService.method } }
      : {}),
    ...(d.firearmReviewHearingAt !== undefined ? { 'ccpor:OrderFirearmReviewHearingDateTime': xsDateTime(d.firearmReviewHearingAt) } : {}),
    ...(d.registration !== undefined ? { 'ccpor:OrderRegistration': registration(d.registration) } : {}),
    ...(d.retailEstablishment !== undefined ? { 'ccpor:OrderRetailEstablishment': retailEstablishment(d.retailEstablishment) } : {}),
    ...(d.assignedAgencies !== undefined && d.assignedAgencies.length > 0 ? { 'ccpor:OrderAssignedAgencyORI': [...d.assignedAgencies] } : {}),
    ...(d.provisions !== undefined && d.provisions.length > 0 ? { 'ccpor:OrderProvision': d.provisions.map(provision) } : {}),
    ...(services.length > 0 ? { 'ccpor:OrderService': services.map(service) } : {}),
  };
  return node;
};

const protectionOrder = (o: ExportableOrder): Node => {
  const { state } = o;
  const d: DraftDetails = state.details;
  const issued = state.status === 'issued' ? state : undefined;
  const services = issued?.services ?? [];
  const status = issued === undefined ? 'draft' : issued.canceled !== undefined ? 'canceled' : 'issued';
  return {
    '@_structures:id': OBJECT_IDS.order,
    'nc:ActivityIdentification': { 'nc:IdentificationID': o.orderId, 'nc:IdentificationCategoryDescriptionText': 'CCPOR order id' },
    ...(d.form !== undefined ? { 'nc:ActivityCategoryText': formInfo(d.form).title } : {}),
    'nc:ActivityStatus': { 'nc:StatusDescriptionText': status },
    ...(d.caseNumber !== undefined ? { 'j:ActivityAugmentation': { 'j:CaseNumberText': d.caseNumber } } : {}),
    ...(d.restrainedPerson !== undefined ? { 'j:CourtOrderDesignatedSubject': { 'nc:RoleOfPerson': ref(OBJECT_IDS.restrained) } } : {}),
    ...(d.court !== undefined
      ? {
          'j:CourtOrderIssuingCourt': {
            'nc:OrganizationIdentification': { 'nc:IdentificationID': d.court.ori, 'nc:IdentificationCategoryDescriptionText': 'ORI' },
            'nc:OrganizationName': d.court.name,
            ...(d.court.department !== undefined ? { 'j:CourtName': d.court.department } : {}),
            'ccpor:CourtAugmentation': { 'ccpor:CourtCountyCode': d.court.county },
          },
        }
      : {}),
    ...(d.issuedAt !== undefined ? { 'j:CourtOrderIssuingDate': dateTime(d.issuedAt) } : {}),
    ...(d.judicialOfficer !== undefined
      ? { 'j:CourtOrderIssuingJudicialOfficial': { 'nc:RoleOfPerson': { 'nc:PersonName': { 'nc:PersonFullName': d.judicialOfficer } } } }
      : {}),
    ...(issued?.canceled !== undefined
      ? {
          'j:CourtOrderRecallDate': dateTime(issued.canceled.at),
          'j:CourtOrderRecallReasonText': issued.canceled.note !== undefined ? `${issued.canceled.reason}: ${issued.canceled.note}` : issued.canceled.reason,
        }
      : {}),
    // NIEM's own service elements, for consumers that read only NIEM; the registry reads its records.
    ...(services.length > 0
      ? {
          'j:CourtOrderServiceDate': services.map((s) => dateTime(s.servedAt)),
          'j:CourtOrderServiceDescriptionText': services.map((s) => `${s.method} by ${s.servedBy.name} (${s.servingAgencyOri})`),
        }
      : {}),
    ...(d.brady === 'Y' || d.brady === 'N' ? { 'j:ProtectionOrderBradyIndicator': String(d.brady === 'Y') } : {}),
    ...(d.terms !== undefined ? { 'j:ProtectionOrderConditionText': d.terms } : {}),
    ...(d.pcoCodes !== undefined && d.pcoCodes.length > 0 ? { 'ncic:ProtectionOrderConditionCode': [...d.pcoCodes] } : {}),
    'ccpor:ProtectionOrderAugmentation': augmentation(d, issued?.expiresAt, services),
  };
};

const association = (person: string): Node => ({ 'nc:Activity': ref(OBJECT_IDS.order), 'nc:Person': ref(person) });

/** The exchange document for one order (NIEM 5.2 Justice, mapping in docs/niem-protection-order-mapping.md). */
export const exportProtectionOrder = (o: ExportableOrder): string => {
  const d = o.state.details;
  const persons: Node[] = [];
  if (d.restrainedPerson !== undefined) persons.push(restrainedPerson(d.restrainedPerson));
  (d.protectedPersons ?? []).forEach((p, i) => persons.push(protectedPerson(p, i)));
  const petitioner = d.petitioner;
  if (petitioner?.kind === 'person') {
    persons.push({
      '@_structures:id': OBJECT_IDS.petitioner,
      'nc:PersonName': personName(petitioner.name),
      'j:PersonAugmentation': { 'j:PersonProtectionOrderPetitionerIndicator': 'true' },
    });
  }
  const root: Node = {
    ...Object.fromEntries(Object.entries(NIEM_NAMESPACES).map(([prefix, uri]) => [`@_xmlns:${prefix}`, uri])),
    'j:ProtectionOrder': protectionOrder(o),
    ...(persons.length > 0 ? { 'nc:Person': persons } : {}),
    ...(petitioner?.kind === 'organization' ? { 'nc:Organization': { '@_structures:id': OBJECT_IDS.petitioner, 'nc:OrganizationName': petitioner.name } } : {}),
    ...(petitioner?.kind === 'organization'
      ? { 'j:ProtectionOrderPetitionerOrganizationAssociation': { 'nc:Activity': ref(OBJECT_IDS.order), 'nc:Organization': ref(OBJECT_IDS.petitioner) } }
      : {}),
    ...(petitioner?.kind === 'person' ? { 'j:ProtectionOrderPetitionerPersonAssociation': association(OBJECT_IDS.petitioner) } : {}),
    ...((d.protectedPersons ?? []).length > 0
      ? { 'j:ProtectionOrderProtectedPersonAssociation': (d.protectedPersons ?? []).map((_, i) => association(OBJECT_IDS.protectedPerson(i))) }
      : {}),
    ...(d.restrainedPerson !== undefined ? { 'j:ProtectionOrderRespondentPersonAssociation': association(OBJECT_IDS.restrained) } : {}),
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });
  const body = builder.build({ 'ccpor:ProtectionOrderExchange': root }) as string;
  const bad = FORBIDDEN_IN_XML.exec(body);
  if (bad !== null) {
    throw new NiemExportError(`The order holds a control character (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) that an XML document cannot carry; correct the text first.`);
  }
  // A bare carriage return would be read back as a line feed (XML end-of-line handling): keep it as a reference.
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body.replace(/\r/g, '&#13;')}`;
};

/** A value XML 1.0 cannot carry (a control character other than tab, line feed, carriage return). */
export class NiemExportError extends Error {
  readonly code = 'NIEM_UNREPRESENTABLE';
}
