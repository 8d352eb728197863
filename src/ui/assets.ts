import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const require = createRequire(import.meta.url);
const UTRECHT_CSS_DIR = path.dirname(require.resolve('@utrecht/component-library-css/dist/index.css'));

/** Our own CSS and small scripts under /assets/, and the NL Design System component CSS. */
export async function registerAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    index: false,
    maxAge: '1h',
  });
  await app.register(fastifyStatic, {
    root: UTRECHT_CSS_DIR,
    prefix: '/assets/vendor/utrecht/',
    decorateReply: false,
    index: false,
    maxAge: '1d',
    allowedPath: (pathName) => pathName === '/index.css',
  });
}
