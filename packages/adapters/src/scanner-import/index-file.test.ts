import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readScanIndex, readScanIndexes } from './index-file';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccpor-index-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = async (name: string, text: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

describe('scan index files', () => {
  it('reads a CSV export with a header row, whatever the column spelling', async () => {
    const path = await write(
      'batch.csv',
      '\uFEFFFile Name,Case_Number,FORM,Court ORI,Filing Date\nscan0001.pdf,26fl001234,DV130,ca019015j,03/02/2026\n"C:\\Scans\\B42\\scan0002.tif",CR-2024-0001,CH-130,,20240506\n',
    );
    const index = await readScanIndex(path);
    expect(index).toMatchObject({ _tag: 'Right' });
    if (index._tag !== 'Right') return;
    expect(index.right.get('scan0001.pdf')).toEqual({ caseNumber: '26FL001234', formNumber: 'DV-130', courtOri: 'CA019015J', date: '2026-03-02' });
    expect(index.right.get('scan0002.tif')).toEqual({ caseNumber: 'CR-2024-0001', formNumber: 'CH-130', date: '2024-05-06' });
  });

  it('reads XML exports: attributes, child elements, and name/value fields', async () => {
    const path = await write(
      'batch.xml',
      `<?xml version="1.0"?>
<Batch name="B42">
  <Document file="scan0001.pdf" caseNumber="26FL001234" formNumber="DV-130" courtOri="CA019015J"/>
  <Document><FileName>scan0002.pdf</FileName><CaseNumber>26FL000002</CaseNumber><FormNumber>CH-110</FormNumber></Document>
  <Document>
    <Field name="File" value="scan0003.pdf"/>
    <Field name="Case Number" value="26FL000003"/>
    <Field name="Form" value="EA130"/>
    <Field name="Scan Date" value="2026-01-15"/>
  </Document>
</Batch>`,
    );
    const index = await readScanIndex(path);
    if (index._tag !== 'Right') throw new Error(JSON.stringify(index.left));
    expect([...index.right.keys()].sort()).toEqual(['scan0001.pdf', 'scan0002.pdf', 'scan0003.pdf']);
    expect(index.right.get('scan0002.pdf')).toEqual({ caseNumber: '26FL000002', formNumber: 'CH-110' });
    expect(index.right.get('scan0003.pdf')).toEqual({ caseNumber: '26FL000003', formNumber: 'EA-130', date: '2026-01-15' });
  });

  it('names the row and the missing field of a bad entry', async () => {
    const csv = await write('bad.csv', 'file,caseNumber,formNumber\na.pdf,1,DV-130\nb.pdf,,DV-130\n');
    expect(await readScanIndex(csv)).toEqual({ _tag: 'Left', left: { code: 'INDEX_INVALID', message: 'bad.csv row 2: missing caseNumber' } });
    const xml = await write('bad.xml', '<Batch><Document file="a.pdf" caseNumber="1"/></Batch>');
    expect(await readScanIndex(xml)).toEqual({ _tag: 'Left', left: { code: 'INDEX_INVALID', message: 'bad.xml entry 1: missing formNumber' } });
    const date = await write('date.csv', 'file,caseNumber,formNumber,date\na.pdf,1,DV-130,yesterday\n');
    expect(await readScanIndex(date)).toMatchObject({ left: { code: 'INDEX_INVALID', message: expect.stringContaining('row 1: date') } });
  });

  it('merges several indexes, the later one winning', async () => {
    const a = await write('a.csv', 'file,caseNumber,formNumber\nx.pdf,1,DV-130\n');
    const b = await write('b.csv', 'file,caseNumber,formNumber\nx.pdf,2,DV-110\n');
    const merged = await readScanIndexes([a, b]);
    expect(merged).toMatchObject({ right: new Map([['x.pdf', { caseNumber: '2', formNumber: 'DV-110' }]]) });
  });
});
