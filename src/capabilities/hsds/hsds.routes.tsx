import type { FastifyInstance } from 'fastify';

/** HSDS 3.0 feed, import and export of the social map (X5, C2). */
export async function hsdsRoutes(_app: FastifyInstance): Promise<void> {}
