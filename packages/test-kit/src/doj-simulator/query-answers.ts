import { fieldValue, type Message, type MessageField } from '@ccpor/carpos-protocol';
import { field, type HandlerContext, only, type Outcome, rejectMessage, respond } from './responses';
import { type DojRecord, type QueryCriteria, statusCode } from './record-store';

/**
 * Queries and court listings (the project's reading of CARPOS [I]; ADR 0012): the
 * answer is one hit per record, a page at a time in FCN order. A page that is not the last tells
 * on each hit where to continue (CTK); the requester sends the same query again with it.
 */

/** The continuation token: `F` and the FCN the next page starts after. Opaque to the requester. */
const tokenFor = (fcn: string): string => `F${fcn}`;
const fcnOfToken = (token: string): string | undefined => (/^F\d{13}$/.test(token) ? token.slice(1) : undefined);

/** HCT and HSQ hold three digits, so a page never has more than 999 hits. */
const HIT_LIMIT = 999;

const hitFields = (record: DojRecord, today: string): MessageField[] => [
  ...field('FCN', record.fcn),
  ...field('NIC', record.nic),
  ...field('STS', statusCode(record, today)),
  ...[...record.fields].map(([code, values]) => ({ code, values: [...values] })),
  ...field('DTE', record.enteredOn),
  ...field('DLU', record.updatedOn),
  ...field('EAG', record.enteringOri),
];

const criteriaOf = (request: Message): QueryCriteria => {
  const fcn = fieldValue(request, 'FCN');
  const nic = fieldValue(request, 'NIC');
  if (fcn !== undefined || nic !== undefined) return { kind: 'record', ...(fcn !== undefined ? { fcn } : {}), ...(nic !== undefined ? { nic } : {}) };
  const pno = fieldValue(request, 'PNO');
  const court = fieldValue(request, 'CTI');
  if (pno !== undefined && court !== undefined) return { kind: 'case', pno, court };
  const sex = fieldValue(request, 'SEX');
  const race = fieldValue(request, 'RAC');
  return {
    kind: 'person',
    name: fieldValue(request, 'NAM') ?? '',
    dob: fieldValue(request, 'DOB') ?? '',
    ...(sex !== undefined ? { sex } : {}),
    ...(race !== undefined ? { race } : {}),
  };
};

const answer = (context: HandlerContext, request: Message, criteria: QueryCriteria, echo: readonly string[]): Outcome => {
  const token = fieldValue(request, 'CTK');
  const after = token === undefined ? undefined : fcnOfToken(token);
  if (token !== undefined && after === undefined) {
    return only([rejectMessage(context, request.ori, 'TOK', `CONTINUATION TOKEN ${token} IS NOT VALID; START THE QUERY AGAIN`, 'CTK')]);
  }
  const asked = Number(fieldValue(request, 'PGS') ?? context.pageSize);
  const size = Math.max(1, Math.min(asked, context.maxPageSize, HIT_LIMIT));
  const page = context.store.page(criteria, context.today, size, after);
  if (page.records.length === 0) {
    return only([respond(context.dictionary, 'no-hit', request.ori, [...field('MRI', context.requestId), ...request.fields.filter((f) => echo.includes(f.code))])]);
  }
  const count = String(page.records.length);
  return only(
    page.records.map((record, index) =>
      respond(context.dictionary, 'hit', request.ori, [
        ...field('MRI', context.requestId),
        ...field('HSQ', String(index + 1)),
        ...field('HCT', count),
        ...hitFields(record, context.today),
        ...field('TOT', String(page.total)),
        ...field('CTK', page.more === undefined ? undefined : tokenFor(page.more)),
      ]),
    ),
  );
};

/** QPO: a person (name with date of birth), a record (FCN, NIC) or a court case (case number with the court). */
export const answerQuery = (context: HandlerContext, request: Message): Outcome =>
  answer(context, request, criteriaOf(request), ['NAM', 'DOB', 'FCN', 'NIC', 'PNO', 'CTI']);

/** QPL: every record in force that an issuing court's orders have at DOJ, the validation listing. */
export const answerListing = (context: HandlerContext, request: Message): Outcome =>
  answer(context, request, { kind: 'court', court: fieldValue(request, 'CTI') ?? '' }, ['CTI']);
