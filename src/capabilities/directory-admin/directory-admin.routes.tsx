import type { FastifyInstance } from 'fastify';

/** Keeping the social map current (C2): editing, review, freshness. */
export async function directoryAdminRoutes(_app: FastifyInstance): Promise<void> {}
