'use strict';
/**
 * The load generator of http.bench.ts, run in a process of its own so it does not share the
 * server's event loop: autocannon against one route, cycling through `paths` (so searches do not
 * repeat one query), printing autocannon's result as JSON on stdout. Plain JavaScript: it runs
 * under node without a compiler. Options: a JSON object { url, method, headers, body, paths, bodies,
 * connections, duration }, in the JSON file named by the first argument.
 */
const { readFileSync } = require('node:fs');
const autocannon = require('autocannon');

const options = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let next = 0;
let nextBody = 0;
const paths = options.paths && options.paths.length > 0 ? options.paths : undefined;
const bodies = options.bodies && options.bodies.length > 0 ? options.bodies : undefined;

const instance = autocannon(
  {
    url: options.url,
    connections: options.connections,
    duration: options.duration,
    requests: [
      {
        method: options.method || 'GET',
        headers: options.headers,
        ...(options.body ? { body: options.body } : {}),
        ...(paths || bodies
          ? {
              setupRequest: (req) => ({
                ...req,
                ...(paths ? { path: paths[next++ % paths.length] } : {}),
                ...(bodies ? { body: bodies[nextBody++ % bodies.length] } : {}),
              }),
            }
          : {}),
      },
    ],
  },
  (error, result) => {
    if (error) {
      process.stderr.write(`${error.stack || error}\n`);
      process.exit(1);
    }
    process.stdout.write(JSON.stringify(result));
  },
);
process.once('SIGINT', () => instance.stop());
