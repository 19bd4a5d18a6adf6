import path from 'node:path';
import * as t from 'io-ts';

/** The web application's environment variable, decoded with the rest of the configuration (config/config.ts). */
export const WebEnvCodec = t.type({
  CCPOR_WEB_DIR: t.union([t.string, t.undefined]),
});

export const WEB_ENV_DOCS: Record<keyof typeof WebEnvCodec.props, string> = {
  CCPOR_WEB_DIR:
    'The built web application `serve` answers at `/` (default: `packages/web/dist` of this repository; `npm start` builds it). A folder without `index.html` leaves `/` pointing at the API docs. `none` turns the web application off.',
};

export interface WebConfig {
  /** Undefined: no web application; `/` redirects to the API documentation. */
  readonly dir?: string;
}

/** The repository's web build, beside app-http (dist/web/web-env.js → packages/web/dist). */
const REPOSITORY_WEB_DIR = path.resolve(__dirname, '../../../web/dist');

export const webConfigFrom = (v: t.TypeOf<typeof WebEnvCodec>): WebConfig =>
  v.CCPOR_WEB_DIR === 'none' ? {} : { dir: v.CCPOR_WEB_DIR !== undefined && v.CCPOR_WEB_DIR !== '' ? path.resolve(v.CCPOR_WEB_DIR) : REPOSITORY_WEB_DIR };
