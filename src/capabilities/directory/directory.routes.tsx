import type { FastifyInstance } from 'fastify';

/** Social map (C2): public search in plain words. */
export async function directoryRoutes(_app: FastifyInstance): Promise<void> {}
