import type { FastifyInstance } from 'fastify';

/** The support consultant's workspace: caseload, intake, support plan, follow-up (R1, R3, R7). */
export async function supportRoutes(_app: FastifyInstance): Promise<void> {}
