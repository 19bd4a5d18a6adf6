#!/usr/bin/env node
/* The DOJ/CLETS simulator as a program: ccpor-doj-sim --port 7070 [--faults plan.json] [--dictionary doj.json] */
import { createCodecFromJson, type Dictionary, type Layout } from '@ccpor/carpos-protocol';
import * as E from 'fp-ts/Either';
import { PathReporter } from 'io-ts/PathReporter';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FaultPlanC, type FaultPlan } from './fault-plan';
import { startDojSimulator } from './simulator';

const usage = `usage: ccpor-doj-sim [--port N] [--host H] [--layout keyword|positional]
                     [--dictionary file.json] [--faults file.json | --faults '{"seed":7,"drop":{"probability":0.1}}']
                     [--agency-prefix ORI=NNN ...] [--quiet]
Accepts framed CARPOS messages on TCP, answers as the DOJ would, logs every exchange as a JSON line.`;

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

  const simulator = await startDojSimulator({
    port,
    host: values.host,
    layout: values.layout as Layout,
    agencyPrefixes,
    ...(dictionary === undefined ? {} : { dictionary }),
    ...(faults === undefined ? {} : { faults }),
    ...(values.quiet ? {} : { onExchange: (exchange) => console.log(JSON.stringify(exchange)) }),
  });
  console.error(`ccpor-doj-sim listening on ${simulator.host}:${simulator.port} (dictionary ${(dictionary ?? { id: 'ccpor-default-carpos' }).id}, ${values.layout} layout)`);
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
