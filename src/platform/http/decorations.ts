import type { Config } from '../config.ts';
import type { ServiceContext } from '../db/context.ts';
import type { Database } from '../db/database.ts';
import type { SessionCookie } from './auth.ts';

/** Sends an email from inside a service transaction (through the job queue): nothing is sent for work that rolls back. */
export type Outbox = (ctx: ServiceContext, message: { to: string; subject: string; text: string }) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Database;
    outbox: Outbox;
    sessionCookie: SessionCookie;
  }
}
