// Writes the OpenAPI document to a file (default .tmp/openapi.json) without a database, for the
// API linter: `npm run lint:api`.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/platform/config.ts';
import { Database } from '../src/platform/db/database.ts';
import { openApiDocument } from '../src/platform/http/openapi.ts';
import { buildApp } from '../src/server/app.ts';

const target = path.resolve(process.argv[2] ?? '.tmp/openapi.json');
const config = loadConfig({
  NODE_ENV: 'production',
  DATABASE_URL: 'postgresql://unused@127.0.0.1:1/unused',
  SMTP_URL: 'smtp://127.0.0.1:1',
  BASE_URL: process.env.BASE_URL ?? 'https://naaste.example.nl',
  LOG_LEVEL: 'warn',
});
// Routes register without touching the database; the pool never connects.
const db = new Database('postgresql://unused@127.0.0.1:1/unused', { max: 1 });
const app = await buildApp({ config, db, cookieSecret: 'only-for-writing-the-openapi-document', logger: false });
await app.ready();
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
await app.close();
await db.close();
process.stdout.write(`openapi: wrote ${path.relative(process.cwd(), target)}\n`);
