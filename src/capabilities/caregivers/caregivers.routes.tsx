import type { FastifyInstance } from 'fastify';

/** The caregiver's own area: registration, care relationships, their plan and results (C4, R1, R3). */
export async function caregiverRoutes(_app: FastifyInstance): Promise<void> {}
