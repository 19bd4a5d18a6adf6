/* Throughput of encode and decode with full validation, one core. Run: npm run bench -w @ccpor/carpos-protocol */
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCodec, defaultDictionary, type Layout, type Message } from '../src/index';
import { anyMessageArbitrary, messageArbitrary } from '../src/__tests__/message-arbitraries';

const codec = createCodec(defaultDictionary);
const SECONDS = Number(process.env.BENCH_SECONDS ?? '2');

const fixtureDir = join(__dirname, '..', 'src', '__fixtures__');
const fixtureMessages = readdirSync(fixtureDir)
  .filter((file) => file.endsWith('.json') && !file.endsWith('.errors.json'))
  .map((file) => JSON.parse(readFileSync(join(fixtureDir, file), 'utf8')) as Message);
const generatedMessages = fc.sample(anyMessageArbitrary(defaultDictionary), { numRuns: 2000, seed: 20250310 });
// Queries, court listings and their answers (hits carry a whole record plus DOJ's own fields).
const queryFamily = fc.constantFrom('QPO', 'QPL', 'QHT', 'QNH').chain((key) => messageArbitrary(defaultDictionary, key));
const queryMessages = fc.sample(queryFamily, { numRuns: 2000, seed: 20261124 });

const encodeAll = (messages: readonly Message[], layout: Layout): string[] =>
  messages.map((message) => {
    const result = codec.encode(message, { layout });
    if (E.isLeft(result)) throw new Error(`benchmark message does not encode: ${JSON.stringify(result.left)}`);
    return result.right;
  });

/** Runs `step` over the inputs round-robin for about SECONDS; returns operations per second. */
const measure = <T>(inputs: readonly T[], step: (input: T) => boolean): number => {
  // Warm up so the JIT has settled before timing.
  for (let i = 0; i < 20_000; i += 1) step(inputs[i % inputs.length] as T);
  let operations = 0;
  let failures = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 1000; i += 1) if (!step(inputs[(operations + i) % inputs.length] as T)) failures += 1;
    operations += 1000;
    now = process.hrtime.bigint();
  }
  if (failures > 0) throw new Error(`${failures} operations failed during the benchmark`);
  return operations / (Number(now - start) / 1e9);
};

const report = (label: string, messages: readonly Message[], layout: Layout): void => {
  const texts = encodeAll(messages, layout);
  const meanLength = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);
  const encodeRate = measure(messages, (m) => E.isRight(codec.encode(m, { layout })));
  const decodeRate = measure(texts, (t) => E.isRight(codec.decode(t, { layout })));
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US').padStart(11);
  console.log(`${label.padEnd(34)} ${layout.padEnd(10)} ${String(meanLength).padStart(6)} ${fmt(encodeRate)} ${fmt(decodeRate)}`);
};

console.log(`node ${process.version}, ${SECONDS}s per figure, messages/s on one core (validation included)`);
console.log(`${'set'.padEnd(34)} ${'layout'.padEnd(10)} ${'chars'.padStart(6)} ${'encode/s'.padStart(11)} ${'decode/s'.padStart(11)}`);
for (const layout of ['keyword', 'positional'] as const) {
  report(`golden fixtures (${fixtureMessages.length} messages)`, fixtureMessages, layout);
  report(`generated mix (${generatedMessages.length} messages)`, generatedMessages, layout);
  report(`query family (${queryMessages.length} messages)`, queryMessages, layout);
}
