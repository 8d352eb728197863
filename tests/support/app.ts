import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '../../src/platform/config.ts';
import { type AppDependencies, buildApp } from '../../src/server/app.ts';
import type { TestDatabase } from './database.ts';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_MINUTE: '100000' }), ...overrides };
}

/** The real application on a test database, driven with app.inject (no sockets needed). */
export async function createTestApp(
  database: TestDatabase,
  overrides: Partial<Config> = {},
  extra: Pick<AppDependencies, 'mailbox' | 'outbox'> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    config: testConfig(overrides),
    db: database.db,
    cookieSecret: 'test-cookie-secret-that-is-long-enough',
    logger: false,
    ...extra,
  });
  await app.ready();
  return app;
}
