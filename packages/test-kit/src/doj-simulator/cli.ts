#!/usr/bin/env node
/* The DOJ/CLETS simulator as a program: ccpor-doj-sim --port 7070 [--faults plan.json] [--dictionary doj.json] */
import { createCodecFromJson, defaultDictionary, type Dictionary, type Layout } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FaultPlanC, type FaultPlan } from './fault-plan';
import { IdentifierAuthority } from './identifiers';
import { DojRecordStore } from './record-store';
import { parseSeedText, seedRecords } from './seed-records';
import { startDojSimulator } from './simulator';

const usage = `usage: ccpor-doj-sim [--port N] [--host H] [--layout keyword|positional]
                     [--dictionary file.json] [--faults file.json | --faults '{"seed":7,"drop":{"probability":0.1}}']
                     [--agency-prefix ORI=NNN ...] [--seed records.jsonl] [--page-size N] [--max-page-size N] [--quiet]
Accepts framed CARPOS messages on TCP, answers as the DOJ would, logs every exchange as a JSON line.
--seed loads records DOJ holds already (JSON Lines or a JSON array; see the test-kit README).`;

const fail = (message: string): never => {
  console.error(`ccpor-doj-sim: ${message}\n${usage}`);
  process.exit(2);
};

const readJson = (source: string): unknown => {
  const text = source.trimStart().startsWith('{') ? source : readFileSync(source, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return fail(`${source} is not JSON: ${(error as Error).message}`);
  }
};

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '7070' },
      host: { type: 'string', default: '127.0.0.1' },
      layout: { type: 'string', default: 'keyword' },
      dictionary: { type: 'string' },
      faults: { type: 'string' },
      'agency-prefix': { type: 'string', multiple: true, default: [] },
      seed: { type: 'string' },
      'page-size': { type: 'string' },
      'max-page-size': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${values.port} is not a port number`);
  if (values.layout !== 'keyword' && values.layout !== 'positional') fail(`--layout must be keyword or positional`);

  let dictionary: Dictionary | undefined;
  if (values.dictionary !== undefined) {
    const codec = createCodecFromJson(readJson(values.dictionary));
    if (E.isLeft(codec)) fail(`dictionary refused:\n${codec.left.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
    else dictionary = codec.right.dictionary;
  }
  let faults: FaultPlan | undefined;
  if (values.faults !== undefined) {
    const decoded = FaultPlanC.decode(readJson(values.faults));
    if (E.isLeft(decoded)) fail(`fault plan refused:\n  ${PathReporter.report(decoded).join('\n  ')}`);
    else faults = decoded.right;
  }
  const agencyPrefixes: Record<string, string> = {};
  for (const entry of values['agency-prefix']) {
    const match = /^([A-Z0-9]{9})=(\d{3})$/.exec(entry);
    if (match === null) fail(`--agency-prefix ${entry} is not ORI=NNN`);
    else agencyPrefixes[match[1] ?? ''] = match[2] ?? '';
  }

  const pageOption = (name: 'page-size' | 'max-page-size'): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const n = Number(raw);
    return Number.isInteger(n) && n >= 1 && n <= 999 ? n : fail(`--${name} ${raw} is not a whole number from 1 to 999`);
  };
  const pageSize = pageOption('page-size');
  const maxPageSize = pageOption('max-page-size');
  let seed: unknown[] | undefined;
  if (values.seed !== undefined) {
    let text = '';
    try {
      text = readFileSync(values.seed, 'utf8');
    } catch (error) {
      fail(`--seed ${values.seed}: ${(error as Error).message}`);
    }
    const parsed = parseSeedText(text);
    if (E.isLeft(parsed)) fail(`--seed ${values.seed}:\n${parsed.left.map((p) => `  ${p.message}`).join('\n')}`);
    else {
      // A dry run on an empty file, so a bad record stops the start with exit code 2 and its index.
      const checked = seedRecords(parsed.right, new DojRecordStore(), new IdentifierAuthority(), dictionary ?? defaultDictionary, '20000101');
      if (E.isLeft(checked)) fail(`--seed ${values.seed} refused:\n${checked.left.map((p) => `  record ${p.index + 1}: ${p.message}`).join('\n')}`);
      seed = parsed.right;
    }
  }

  const simulator = await startDojSimulator({
    port,
    host: values.host,
    layout: values.layout as Layout,
    agencyPrefixes,
    ...(pageSize !== undefined ? { pageSize } : {}),
    ...(maxPageSize !== undefined ? { maxPageSize } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(dictionary === undefined ? {} : { dictionary }),
    ...(faults === undefined ? {} : { faults }),
    ...(values.quiet ? {} : { onExchange: (exchange) => console.log(JSON.stringify(exchange)) }),
  });
  console.error(
    `ccpor-doj-sim listening on ${simulator.host}:${simulator.port} (dictionary ${(dictionary ?? { id: 'ccpor-default-carpos' }).id}, ${values.layout} layout, ${simulator.records.size} records on file)`,
  );
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  console.error(`ccpor-doj-sim: ${(error as Error).message}`);
  process.exit(1);
});
