import path from 'node:path';
import { z } from 'zod';

/** A problem in the configuration, told in one sentence to whoever starts Naaste. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const booleanish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  BASE_URL: z.url().optional(),
  DATABASE_URL: z.string().optional(),
  DATABASE_OWNER_URL: z.string().optional(),
  DATA_DIR: z.string().min(1).default('data'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Naaste <noreply@naaste.localhost>'),
  DEV_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  DEMO_SEED: booleanish.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanish.default(false),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  baseUrl: string;
  /** Connection the running app uses; undefined means "start the embedded PostgreSQL". */
  databaseUrl: string | undefined;
  /** Connection that owns the schema and runs migrations; defaults to databaseUrl. */
  databaseOwnerUrl: string | undefined;
  dataDir: string;
  /** undefined means "start the development mail sink" (never in production). */
  smtpUrl: string | undefined;
  mailFrom: string;
  devSmtpPort: number;
  demoSeed: boolean;
  logLevel: string;
  trustProxy: boolean;
  rateLimitPerMinute: number;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const key = first?.path.join('.') ?? 'configuration';
    throw new ConfigError(`The setting ${key} is not valid: ${first?.message ?? 'unknown problem'}.`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.DATABASE_URL) {
    throw new ConfigError('In production DATABASE_URL must point to a PostgreSQL 15+ server.');
  }
  if (e.NODE_ENV === 'production' && !e.SMTP_URL) {
    throw new ConfigError('In production SMTP_URL must point to a mail server.');
  }
  for (const key of ['DATABASE_URL', 'DATABASE_OWNER_URL'] as const) {
    const value = e[key];
    if (value && !/^postgres(ql)?:\/\//.test(value)) {
      throw new ConfigError(`The setting ${key} must be a postgres:// connection string.`);
    }
  }
  if (e.SMTP_URL && !/^smtps?:\/\//.test(e.SMTP_URL)) {
    throw new ConfigError('The setting SMTP_URL must start with smtp:// or smtps://.');
  }
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL ?? e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    devSmtpPort: e.DEV_SMTP_PORT,
    demoSeed: e.DEMO_SEED ?? e.NODE_ENV !== 'production',
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
}

/** Plain http on a loopback host: the only place where Secure cookies and HSTS are left off. */
export function isLocalHttp(config: Pick<Config, 'baseUrl'>): boolean {
  const url = new URL(config.baseUrl);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
