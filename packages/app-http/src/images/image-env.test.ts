import * as E from 'fp-ts/Either';
import { decodeConfig } from '../config/config';

const images = (env: Record<string, string>) => {
  const c = decodeConfig({ CCPOR_STORE: 'memory', ...env });
  if (E.isLeft(c)) throw c.left;
  return c.right.images;
};

describe('image settings', () => {
  it('default to 50 MiB, four parallel uploads and the store that goes with the event store', () => {
    expect(images({})).toEqual({ maxBytes: 50 * 1024 * 1024, maxParallelUploads: 4 });
  });

  it('read a directory or sql for CCPOR_IMAGE_STORE, and the limits', () => {
    expect(images({ CCPOR_IMAGE_STORE: '/srv/ccpor/images', CCPOR_IMAGE_MAX_BYTES: '1048576', CCPOR_IMAGE_MAX_PARALLEL_UPLOADS: '8' })).toEqual({
      store: { kind: 'filesystem', root: '/srv/ccpor/images' },
      maxBytes: 1_048_576,
      maxParallelUploads: 8,
    });
    expect(images({ CCPOR_IMAGE_STORE: 'sql' }).store).toEqual({ kind: 'sql' });
  });

  it.each([
    ['CCPOR_IMAGE_MAX_BYTES', '50mb'],
    ['CCPOR_IMAGE_MAX_BYTES', '100'],
    ['CCPOR_IMAGE_MAX_PARALLEL_UPLOADS', '0'],
  ])('refuse %s=%s naming the variable', (name, value) => {
    const c = decodeConfig({ CCPOR_STORE: 'memory', [name]: value });
    expect(E.isLeft(c) && c.left.problems.map((p) => p.field)).toEqual([name]);
  });
});
