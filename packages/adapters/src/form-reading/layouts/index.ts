import * as E from 'fp-ts/Either';
import ch130r20250101 from './ch-130.2025-01-01.json';
import cr160r20240101 from './cr-160.2024-01-01.json';
import dv110r20250101 from './dv-110.2025-01-01.json';
import dv130r20240101 from './dv-130.2024-01-01.json';
import dv130r20250101 from './dv-130.2025-01-01.json';
import epo001r20240101 from './epo-001.2024-01-01.json';
import { checkLayout, type FormLayout } from './form-layout';

export * from './form-layout';

/** Every layout file, by file name (one form revision each). */
const FILES: Record<string, unknown> = {
  'ch-130.2025-01-01.json': ch130r20250101,
  'cr-160.2024-01-01.json': cr160r20240101,
  'dv-110.2025-01-01.json': dv110r20250101,
  'dv-130.2024-01-01.json': dv130r20240101,
  'dv-130.2025-01-01.json': dv130r20250101,
  'epo-001.2024-01-01.json': epo001r20240101,
};

const load = (): readonly FormLayout[] =>
  Object.entries(FILES).map(([file, json]) => {
    const checked = checkLayout(json, file);
    // A broken layout file is a defect of the build, found by the layout tests; fail loudly at start.
    if (E.isLeft(checked)) throw new Error(`form layout ${checked.left}`);
    return checked.right;
  });

/** The layouts the registry ships, checked once when first asked for. */
let loaded: readonly FormLayout[] | undefined;
export const formLayouts = (): readonly FormLayout[] => (loaded ??= load());
