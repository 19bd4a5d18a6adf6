import * as E from 'fp-ts/Either';
import pino from 'pino';
import { InMemoryEventStore } from '@ccpor/adapters';
import { decodeConfig } from '../config/config';
import { testConfig } from '../__tests__/harness';
import { startServer, type RunningServer } from '../server/start-server';

// Three embedded databases start in this test (search views, outboxes); a loaded machine needs time.
jest.setTimeout(90_000);

let running: RunningServer | undefined;
afterAll(() => running?.shutdown());

describe('serve with the integration feed and e-mail', () => {
  it('starts both outboxes from the configuration, shows them on /metrics, and stops them on shutdown', async () => {
    const config = testConfig({
      CCPOR_PORT: '0',
      CCPOR_INTEGRATIONS: 'true',
      // Nothing listens there: no notification is due, so nothing is sent in this test.
      CCPOR_SMTP_URL: 'smtp://127.0.0.1:9',
      CCPOR_MAIL_FROM: 'CCPOR <no-reply@ccpor.test>',
      CCPOR_PUBLIC_URL: 'https://ccpor.test/',
    });
    expect(config.notifications).toMatchObject({ publicUrl: 'https://ccpor.test', expiryNoticeDays: 14 });
    running = await startServer(config, { eventStore: new InMemoryEventStore(), logger: pino({ level: 'silent' }) });
    expect(running.services.integrations).toBeDefined();
    expect(running.services.notifications).toBeDefined();
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/^ccpor_outbox_rows\{channel="webhook",state="dead-letter"\} 0$/m);
    expect(metrics).toMatch(/^ccpor_outbox_rows\{channel="mail",state="pending"\} 0$/m);
    const stopping = running;
    running = undefined;
    await stopping.shutdown();
  });

  it('is off with the memory store by default, and refuses an incomplete mail configuration naming the variable', () => {
    expect(testConfig().integrations.enabled).toBeUndefined();
    const missing = decodeConfig({ CCPOR_STORE: 'memory', CCPOR_SMTP_URL: 'smtp://mail.example:25' });
    expect(E.isLeft(missing) && missing.left.problems.map((p) => p.field)).toEqual(['CCPOR_MAIL_FROM', 'CCPOR_PUBLIC_URL']);
    const badKey = decodeConfig({ CCPOR_STORE: 'memory', CCPOR_SECRETS_KEY: 'short' });
    expect(E.isLeft(badKey) && badKey.left.message).toContain('CCPOR_SECRETS_KEY');
    expect(E.isLeft(badKey) && badKey.left.message).not.toContain('short');
    const badFlag = decodeConfig({ CCPOR_STORE: 'memory', CCPOR_INTEGRATIONS: 'maybe' });
    expect(E.isLeft(badFlag) && badFlag.left.problems[0]?.field).toBe('CCPOR_INTEGRATIONS');
  });
});
