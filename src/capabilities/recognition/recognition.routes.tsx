import type { FastifyInstance } from 'fastify';

/** Entry in plain words (F1): "Zorgt u voor iemand?" and the recognition check. */
export async function recognitionRoutes(_app: FastifyInstance): Promise<void> {}
