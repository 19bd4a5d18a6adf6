import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { imageStoreContract } from '@ccpor/test-kit';
import { S3ImageStore } from './s3-image-store';
import { signS3Request } from './s3-signature';

// s3rver: a local S3-compatible server from the npm registry, started by the test on a free port
// (it checks Signature Version 4 with its default credentials S3RVER/S3RVER).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> };

const BUCKET = 'ccpor-images';

imageStoreContract('S3-compatible (s3rver)', async ({ limitBytes }) => {
  const directory = mkdtempSync(join(tmpdir(), 'ccpor-s3rver-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  const store = new S3ImageStore({ endpoint: `http://127.0.0.1:${port}`, bucket: BUCKET, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', limitBytes });
  return {
    store,
    dispose: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});

describe('Signature Version 4', () => {
  it('signs the example request of the AWS S3 documentation (GET Object with a range) as documented', () => {
    // docs.aws.amazon.com, "Signature Calculations for the Authorization Header", example GET Object.
    const headers = signS3Request(
      { method: 'GET', host: 'examplebucket.s3.amazonaws.com', path: '/test.txt', headers: { range: 'bytes=0-9' }, payloadSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', region: 'us-east-1' },
      new Date('2013-05-24T00:00:00Z'),
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});
