import type { FastifyInstance } from 'fastify';

/** Re-measurement of balance with the caregiver present (R2): filled in once the balance check's instruments are there. */
export async function remeasureRoutes(_app: FastifyInstance): Promise<void> {}
