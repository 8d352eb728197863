import net from 'node:net';
import { seedDemo } from '../../db/seed/demo.ts';
import { loadReferenceData } from '../capabilities/directory/directory.service.ts';
import { loadOfficialMunicipalities } from '../capabilities/organisations/organisations.service.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { inContext } from '../platform/db/context.ts';
import { sharedSecret } from '../platform/db/secrets.ts';
import { buildApp } from './app.ts';
import { setUpDatabase } from './database-setup.ts';
import { jobHandlers, RECURRING_JOBS } from './jobs.ts';
import { startWorker } from '../platform/jobs/queue.ts';
import { type DevMailbox, startDevMailbox } from '../platform/mail/dev-smtp.ts';
import { createMailer } from '../platform/mail/mailer.ts';

const say = (message: string) => process.stdout.write(`naaste: ${message}\n`);

/** Port problems are found before the database starts and the demo is seeded, not after. */
async function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ConfigError(`Port ${port} is already in use; stop the other program or set PORT.`));
      else if (error.code === 'EACCES') reject(new ConfigError(`Naaste may not listen on port ${port}; choose a PORT above 1024.`));
      else resolve();
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  await assertPortFree(config.host, config.port);
  const database = await setUpDatabase(config, say);
  const operator = { kind: 'system', name: 'startup' } as const;
  try {
    await inContext(database.db, { tenantId: null, actor: operator }, (ctx) => loadOfficialMunicipalities(ctx));
    await inContext(database.db, { tenantId: null, actor: operator }, (ctx) => loadReferenceData(ctx.sql));
    if (config.demoSeed) {
      // Demo accounts have published passwords: never in production.
      const accounts = config.env !== 'production';
      const seeded = await inContext(database.db, { tenantId: null, actor: operator }, (ctx) => seedDemo(ctx, { accounts }));
      if (seeded.organisationsCreated) say(`demo municipality Demodam (GM9999) seeded with ${seeded.organisationsCreated} organisations`);
      if (seeded.accountsCreated) say(`${seeded.accountsCreated} demo accounts added (see the README)`);
    }
  } catch (error) {
    await database.close();
    throw error;
  }

  // Mail: the configured SMTP server, or in development a local one whose messages show at /dev/mailbox.
  let mailbox: DevMailbox | undefined;
  let smtpUrl = config.smtpUrl;
  if (!smtpUrl) {
    try {
      // The usual port, or any free one when another program (or another Naaste) has it.
      mailbox = await startDevMailbox(config.devSmtpPort).catch(() => startDevMailbox(0));
    } catch (error) {
      await database.close();
      throw new ConfigError(`The development mail server could not start (${(error as Error).message}); set SMTP_URL.`);
    }
    smtpUrl = `smtp://127.0.0.1:${mailbox.port}`;
    say(`development mail server on port ${mailbox.port}; read the mail at ${config.baseUrl}/dev/mailbox`);
  }
  const mailer = createMailer(smtpUrl, config.mailFrom);

  const app = await buildApp({ config, db: database.db, cookieSecret: await sharedSecret(database.db, 'cookie'), mailbox });
  const worker = startWorker({
    db: database.db,
    handlers: jobHandlers({ db: database.db, config, mailer }),
    recurring: RECURRING_JOBS,
    logger: app.log,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received, stopping`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
      await worker.stop();
      mailer.close();
      await mailbox?.close();
      await database.close();
      say('stopped');
      process.exit(0);
    } catch (error) {
      process.stderr.write(`naaste: could not stop cleanly: ${String(error)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await worker.stop();
    mailer.close();
    await mailbox?.close();
    await database.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError(`Port ${config.port} is already in use; stop the other program or set PORT.`);
    if (code === 'EACCES') throw new ConfigError(`Naaste may not listen on port ${config.port}; choose a PORT above 1024.`);
    throw error;
  }
  say(`serving ${config.baseUrl}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`naaste: ${error.message}\n`);
  } else {
    process.stderr.write(`naaste: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
