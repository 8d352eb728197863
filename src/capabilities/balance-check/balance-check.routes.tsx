import type { FastifyInstance } from 'fastify';

/** Balance check (R2): validated burden instruments as versioned data. */
export async function balanceCheckRoutes(_app: FastifyInstance): Promise<void> {}
