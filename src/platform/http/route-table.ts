import type { FastifyInstance } from 'fastify';

/**
 * How a route treats people's data, declared in its `config.access`:
 * - 'personalData': shows or changes data of a person (other than the one asking); it needs a
 *   session (staff: with the second factor) and writes an access-log line on every use.
 * - 'signedIn': needs a session but shows only the asker's own account.
 * Routes without it are public. A test walks every route and holds each to its declaration.
 */
export type RouteAccess = 'personalData' | 'signedIn';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export type RouteEntry = { method: string; url: string; access: RouteAccess | 'public' };

/** Collects every route as it is registered; call before registering any. */
export function collectRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = (route.config as { access?: RouteAccess } | undefined)?.access ?? 'public';
    for (const method of methods) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });
}
