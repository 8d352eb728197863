import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestApp, testConfig } from '../../../tests/support/app.ts';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database.ts';
import { buildApp } from '../../server/app.ts';
import { startWorker } from '../jobs/queue.ts';
import { type DevMailbox, startDevMailbox } from './dev-smtp.ts';
import { EMAIL_JOB, emailJobHandler, queueEmail } from './email-job.ts';
import { createMailer, type Mailer } from './mailer.ts';

let t: TestDatabase;
let mailbox: DevMailbox;
let mailer: Mailer;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  mailbox = await startDevMailbox(0);
  mailer = createMailer(`smtp://127.0.0.1:${mailbox.port}`, 'Naaste <noreply@naaste.localhost>');
  app = await createTestApp(t, {}, { mailbox });
});

afterAll(async () => {
  await app?.close();
  mailer?.close();
  await mailbox?.close();
  await t?.drop();
});

describe('mail', () => {
  it('sends a real message over SMTP and reads it back, UTF-8 intact', async () => {
    mailbox.clear();
    await mailer.send({
      to: 'inwoner@thuis.example',
      subject: 'Uw ondersteuning: één afspraak, € 0',
      text: 'Beste Zoë,\n\nTot ziens op de Ëikenlaan.',
    });
    const [message] = mailbox.list();
    expect(message?.to).toEqual(['inwoner@thuis.example']);
    expect(message?.from).toBe('noreply@naaste.localhost');
    expect(message?.subject).toBe('Uw ondersteuning: één afspraak, € 0');
    expect(message?.text.trim()).toBe('Beste Zoë,\n\nTot ziens op de Ëikenlaan.');
  });

  it('goes from the queue through the worker to the mailbox, only after the transaction commits', async () => {
    mailbox.clear();
    await expect(
      t.db.platform(async (sql) => {
        await queueEmail(sql, { to: 'niet@verstuurd.example', subject: 'Nooit', text: 'x' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    await t.db.platform((sql) => queueEmail(sql, { to: 'wel@verstuurd.example', subject: 'Welkom', text: 'Hallo' }));
    const worker = startWorker({ db: t.db, handlers: { [EMAIL_JOB]: emailJobHandler(mailer) }, poll: false });
    expect(await worker.runOnce()).toBe(1);
    expect(mailbox.list().map((m) => m.to[0])).toEqual(['wel@verstuurd.example']);
  });

  it('retries when the mail server is down', async () => {
    const down = createMailer('smtp://127.0.0.1:1', 'noreply@naaste.localhost');
    const id = await t.db.platform((sql) => queueEmail(sql, { to: 'later@verstuurd.example', subject: 'Later', text: 'x' }));
    await startWorker({ db: t.db, handlers: { [EMAIL_JOB]: emailJobHandler(down) }, poll: false }).runOnce();
    const row = await t.db.platform(
      async (sql) => (await sql.query('select attempts, failed_at, last_error from jobs where id = $1', [id])).rows[0],
    );
    expect(row).toMatchObject({ attempts: 1, failed_at: null });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/);
    down.close();
  });
});

describe('the development mailbox pages', () => {
  it('list the messages, show one with clickable links, and give JSON for browser tests', async () => {
    mailbox.clear();
    const empty = await app.inject({ url: '/dev/mailbox' });
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('Er is nog geen e-mail verstuurd.');
    await mailer.send({ to: 'a@b.example', subject: 'Eerder bericht', text: 'Eerst' });
    await mailer.send({ to: 'a@b.example', subject: 'Uw link', text: 'Klik hier:\n\nhttp://localhost:3000/inloggen/link/abc\n' });
    const list = await app.inject({ url: '/dev/mailbox' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Er is nog geen e-mail verstuurd.');
    expect(list.body.indexOf('Uw link')).toBeGreaterThan(-1);
    expect(list.body.indexOf('Uw link')).toBeLessThan(list.body.indexOf('Eerder bericht'));
    const json = await app.inject({ url: '/dev/mailbox.json' });
    expect(json.statusCode).toBe(200);
    const [message] = json.json<{ id: string; subject: string; to: string[]; text: string }[]>();
    expect(message).toMatchObject({ subject: 'Uw link', to: ['a@b.example'] });
    expect(message?.text).toContain('http://localhost:3000/inloggen/link/abc');
    const one = await app.inject({ url: `/dev/mailbox/${message?.id}` });
    expect(one.body).toContain('<a class="utrecht-link" href="http://localhost:3000/inloggen/link/abc">');
  });

  it('do not exist in production', async () => {
    const production = await buildApp({
      config: testConfig({ env: 'production' }),
      db: t.db,
      cookieSecret: 'test-cookie-secret-that-is-long-enough',
      logger: false,
      mailbox,
    });
    await production.ready();
    for (const url of ['/dev/mailbox', '/dev/mailbox.json']) expect((await production.inject({ url })).statusCode).toBe(404);
    await production.close();
  });
});
