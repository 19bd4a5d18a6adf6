import { sampleOrderInput } from '@ccpor/test-kit';
import { COURT, startHarness, type Client, type Harness } from '../__tests__/harness';
import { pdfText } from './__tests__/pdf-text';

/**
 * The report routes over HTTP on the harness's registry (memory store, PGlite views; now is
 * 2026-03-03 10:00 PST): figures worked out by hand, the CSV and PDF exports opened and read, and
 * the refusals the access policy makes, which the access report then shows.
 */
let h: Harness;
let clerk: Client;
let supervisor: Client;
let localAdmin: Client;

const add = async (issuedAt: string, caseNumber: string): Promise<void> => {
  await clerk.agent.post('/api/v1/orders?wait=true').set('X-CSRF-Token', clerk.csrf).send({ details: sampleOrderInput({ issuedAt, caseNumber }) }).expect(201);
};

beforeAll(async () => {
  h = await startHarness();
  clerk = await h.user('court-clerk');
  supervisor = await h.user('supervisor');
  localAdmin = await h.user('local-admin');
  // Issued on 03-02 (deadline the end of 03-03, not yet passed), on Friday 02-27 (deadline Monday
  // 03-02, passed) and on 01-15 (deadline 01-16, passed); all entered on 03-03, none acknowledged or served.
  await add('2026-03-02T10:15:00-08:00', '26FL500001');
  await add('2026-02-27T09:00:00-08:00', '26FL500002');
  await add('2026-01-15T12:00:00-08:00', '26FL500003');
}, 60_000);
afterAll(() => h.close());

const parseCsv = (text: string): string[][] =>
  text
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));

describe('reports over HTTP', () => {
  it('statistical report as JSON: the figures, the chart option and the table behind it', async () => {
    const r = await supervisor.agent.get('/api/v1/reports/statistical').expect(200);
    expect(r.body).toMatchObject({ report: 'statistical', scope: { kind: 'statewide' }, chart: { table: 'byKey' } });
    expect(r.body.tables[0].rows).toEqual([
      { key: '2026-01', issued: 1, entered: 0, renewed: 0, canceled: 0 },
      { key: '2026-02', issued: 1, entered: 0, renewed: 0, canceled: 0 },
      { key: '2026-03', issued: 1, entered: 3, renewed: 0, canceled: 0 },
    ]);
    const byCourt = await supervisor.agent.get('/api/v1/reports/statistical?by=court').expect(200);
    expect(byCourt.body.tables[0].rows).toEqual([{ key: COURT, issued: 3, entered: 3, inForce: 3, renewed: 0, canceled: 0 }]);
    // The chart draws the same figures.
    expect(r.body.chart.option.xAxis.data).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(r.body.chart.option.series.map((s: { name: string; data: number[] }) => [s.name, s.data])).toEqual([
      ['Issued', [1, 1, 1]],
      ['Entered', [0, 0, 3]],
    ]);
  });

  it('timeliness and service: overdue orders and ages at now', async () => {
    const t = await supervisor.agent.get('/api/v1/reports/timeliness').expect(200);
    // Without a range, timeliness covers the twelve months before this one, and says so.
    expect(t.body.filters).toEqual({ from: '2025-03-01' });
    expect(t.body.tables[0].rows).toEqual([
      expect.objectContaining({ court: COURT, orders: 3, due: 2, acknowledgedInTime: 0, overdue: 2, shareAcknowledgedInTime: 0, acknowledgedMedianMinutes: null }),
    ]);
    expect(t.body.tables.find((x: { key: string }) => x.key === 'overdue').rows.map((o: { caseNumber: string }) => o.caseNumber)).toEqual(['26FL500003', '26FL500002']);
    const s = await supervisor.agent.get('/api/v1/reports/service?court=CA019015J&orderType=DV').expect(200);
    expect(s.body.tables[0].rows).toEqual([{ court: COURT, agency: COURT, unserved: 3, over7: 1, over30: 1, over90: 0 }]);
    expect(s.body.filters).toEqual({ court: 'CA019015J', orderType: 'DV' });
  });

  it('CSV: the table streamed, figures equal to the JSON', async () => {
    const csv = await supervisor.agent.get('/api/v1/reports/statistical.csv?from=2026-02-01').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="ccpor-statistical-byKey-2026-03-03.csv"/);
    expect(parseCsv(csv.text)).toEqual([
      ['Month', 'Issued', 'Entered', 'Renewals', 'Cancellations'],
      ['2026-02', '1', '0', '0', '0'],
      ['2026-03', '1', '3', '0', '0'],
    ]);
    const list = await supervisor.agent.get('/api/v1/reports/service.csv?table=orders').expect(200);
    const rows = parseCsv(list.text);
    expect(rows[0]).toEqual(['Order', 'Case number', 'Court', 'Entering agency', 'Order type', 'Issued', 'Expires', 'Age (days)']);
    expect(rows.slice(1).map((r) => [r[1], r[7]])).toEqual([
      ['26FL500003', '46'],
      ['26FL500002', '4'],
      ['26FL500001', '0'],
    ]);
    const bad = await supervisor.agent.get('/api/v1/reports/service.csv?table=nothing').expect(400);
    expect(bad.body).toMatchObject({ code: 'UNKNOWN_TABLE', field: 'table' });
  });

  it('PDF: the chart and the table, whose figures the PDF text holds', async () => {
    const pdf = await supervisor.agent
      .get('/api/v1/reports/statistical.pdf')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = pdfText(pdf.body as Buffer);
    expect(text).toContain('Orders issued, entered, in force, renewed and canceled');
    // The table's rows, cell by cell, in order (after the chart, whose axis also names the months).
    const table = text.slice(text.indexOf('Orders by month'));
    expect(table).toMatch(/Month\s+Issued\s+Entered\s+Renewals\s+Cancellations/);
    expect(table).toMatch(/2026-01\s+1\s+0\s+0\s+0\s+2026-02\s+1\s+0\s+0\s+0\s+2026-03\s+1\s+3\s+0\s+0/);
    // The chart is drawn as vector text too: its legend is in the PDF.
    expect(text.slice(0, text.indexOf('Orders by month'))).toContain('Entered');
  });

  it('bad filters are refused on their field', async () => {
    const range = await supervisor.agent.get('/api/v1/reports/service?from=2026-03-01&to=2026-02-01').expect(400);
    expect(range.body).toMatchObject({ code: 'INVALID_RANGE', field: 'to' });
    const county = await supervisor.agent.get('/api/v1/reports/expiring?county=99').expect(400);
    expect(county.body).toMatchObject({ field: 'county' });
    const by = await supervisor.agent.get('/api/v1/reports/statistical?by=judge').expect(400);
    expect(by.body).toMatchObject({ field: 'by' });
  });

  it('a report is refused to a user who may not see it, and the access report shows the refusal', async () => {
    const refused = await clerk.agent.get('/api/v1/reports/timeliness').expect(403);
    expect(refused.body).toMatchObject({ code: 'ROLE_NOT_PERMITTED' });
    await clerk.agent.get('/api/v1/reports/statistical.csv').expect(403);
    const notAdmin = await supervisor.agent.get('/api/v1/reports/access').expect(403);
    expect(notAdmin.body).toMatchObject({ code: 'ROLE_NOT_PERMITTED' });
    await h.services.audit.flush();
    await h.services.search.catchUp();
    const access = await localAdmin.agent.get('/api/v1/reports/access').expect(200);
    expect(access.body.scope).toEqual({ kind: 'agency', agencyOri: COURT });
    const rows = access.body.tables[0].rows as { user: string; denied: number }[];
    const clerkId = rows.find((r) => r.denied === 2);
    expect(clerkId).toBeDefined();
    expect(rows.filter((r) => r.denied > 0)).toHaveLength(2); // the clerk (2) and the supervisor (1)
  });
});
