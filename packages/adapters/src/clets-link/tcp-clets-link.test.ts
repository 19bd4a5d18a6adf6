import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, connect as netConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';
import { afterEach, describe, expect, it } from '@jest/globals';
import { decode, encode, FrameDecoder } from '@ccpor/carpos-protocol';
import { startDojSimulator, type DojSimulator } from '@ccpor/test-kit';
import * as E from 'fp-ts/Either';
import { CletsLinkDownError, TcpCletsLink } from './tcp-clets-link';

const query = (fcn: string): string => {
  const text = encode({ key: 'QPO', ori: 'CA019015J', fields: [{ code: 'FCN', values: [fcn] }] });
  if (E.isLeft(text)) throw new Error('fixture does not encode');
  return text.right;
};

const next = async <T>(iterator: AsyncIterator<T>, timeoutMs = 5_000): Promise<T> => {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no inbound frame in time')), timeoutMs).unref());
  const result = await Promise.race([iterator.next(), timeout]);
  if (result.done === true) throw new Error('the inbound stream ended');
  return result.value;
};

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

describe('TcpCletsLink', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });
  const simulator = async (options: Parameters<typeof startDojSimulator>[0] = {}): Promise<DojSimulator> => {
    const sim = await startDojSimulator(options);
    cleanup.push(() => sim.close());
    return sim;
  };
  const open = (settings: Parameters<typeof TcpCletsLink.open>[0]): TcpCletsLink => {
    const link = TcpCletsLink.open({ reconnect: { initialMs: 10, maxMs: 50 }, ...settings });
    cleanup.push(() => link.close());
    return link;
  };

  it('sends framed messages and hands back the answers, then reconnects after the peer closes', async () => {
    const sim = await simulator({ faults: { close: { on: [1] } } });
    const link = open({ host: sim.host, port: sim.port });
    const inbound = link.inbound()[Symbol.asyncIterator]();
    await link.send('00000001', query('0000000000001'));
    // The first answer was replaced by a disconnect; the link comes back by itself.
    await sim.waitFor((x) => x.filter((e) => e.kind === 'connection' && e.event === 'opened').length >= 2);
    await link.send('00000002', query('0000000000002'));
    const answer = await next(inbound);
    const message = decode(answer.text);
    expect(E.isRight(message) && message.right.key).toBe('QNH');
    expect(E.isRight(message) && message.right.fields.find((f) => f.code === 'MRI')?.values).toEqual(['00000002']);
    expect(link.stats()).toMatchObject({ connects: 2, disconnects: 1, framesSent: 2, framesReceived: 1 });
  });

  it('probes an idle link with the heartbeat text and drops a connection that stays silent', async () => {
    const sim = await simulator();
    const link = open({ host: sim.host, port: sim.port, heartbeatIntervalMs: 80, heartbeatTimeoutMs: 200, heartbeatText: query('0000000000000') });
    const inbound = link.inbound()[Symbol.asyncIterator]();
    const probeAnswer = await next(inbound);
    expect(probeAnswer.text).toMatch(/MRI\/HB\d{6}\./);
    expect(link.stats().heartbeatsSent).toBeGreaterThanOrEqual(1);

    // A peer that accepts and never answers.
    const mute = createServer((socket) => socket.on('data', () => undefined));
    const port = await listen(mute);
    cleanup.push(() => new Promise<void>((resolve) => mute.close(() => resolve())));
    const silent = open({ host: '127.0.0.1', port, heartbeatIntervalMs: 50, heartbeatTimeoutMs: 100, heartbeatText: query('0000000000000') });
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(silent.stats().heartbeatFailures).toBeGreaterThanOrEqual(1);
    expect(silent.stats().connects).toBeGreaterThanOrEqual(2);
  });

  it('holds senders back while the peer does not read (bounded queue), and lets them through when it does', async () => {
    let peer: Socket | undefined;
    const server = createServer((socket) => {
      peer = socket;
      socket.pause();
    });
    const port = await listen(server);
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    cleanup.push(() => {
      peer?.destroy();
    });
    const link = open({ host: '127.0.0.1', port, maxQueuedFrames: 4 });
    await link.waitUntilConnected(2_000);
    const big = 'X'.repeat(99_000);
    const count = 300;
    let done = 0;
    const sends = Array.from({ length: count }, (_, i) => link.send(String(i).padStart(8, '0'), big).then(() => (done += 1)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Kernel buffers take some frames; the rest wait, at most four of them inside the link.
    expect(done).toBeLessThan(count);
    const received = new FrameDecoder({ maxPayloadLength: big.length });
    let frames = 0;
    peer?.on('data', (chunk: Buffer) => (frames += received.push(chunk).filter((e) => e.kind === 'frame').length));
    peer?.resume();
    await Promise.all(sends);
    expect(done).toBe(count);
    // A send settles once its frame is in the socket, not at the peer: wait for the bytes to land.
    for (let waited = 0; frames < count && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(frames).toBe(count);
  });

  it('fails a send when the link does not come up in time', async () => {
    const server = createServer();
    const port = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const link = open({ host: '127.0.0.1', port, sendTimeoutMs: 150 });
    await expect(link.send('00000001', query('0000000000001'))).rejects.toBeInstanceOf(CletsLinkDownError);
    expect(link.connected).toBe(false);
  });

  it('speaks TLS when given a CA file, checking the server certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clets-tls-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], {
      stdio: 'ignore',
    });
    const sim = await simulator();
    // A TLS front for the simulator, as a CLETS switch or stunnel would be.
    const front = createTlsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (tlsSocket) => {
      const plain = netConnect({ host: sim.host, port: sim.port });
      tlsSocket.pipe(plain).pipe(tlsSocket);
      tlsSocket.on('error', () => plain.destroy());
      plain.on('error', () => tlsSocket.destroy());
    });
    const port = await listen(front);
    cleanup.push(() => new Promise<void>((resolve) => front.close(() => resolve())));
    const link = open({ host: '127.0.0.1', port, tls: { caFile: cert, servername: 'localhost' } });
    const inbound = link.inbound()[Symbol.asyncIterator]();
    await link.send('00000007', query('0000000000007'));
    expect((await next(inbound)).text).toMatch(/^QNH\.CA019015J\.MRI\/00000007\./);

    const untrusting = open({ host: '127.0.0.1', port, tls: { servername: 'localhost' }, sendTimeoutMs: 300 });
    await expect(untrusting.send('00000008', query('0000000000008'))).rejects.toBeInstanceOf(CletsLinkDownError);
  });
});
