/** The database role whose privileges the running app has: never superuser, never BYPASSRLS. */
export const APP_ROLE = 'naaste_app';

/** Session setting that carries the tenant of the current transaction into row-level security. */
export const TENANT_SETTING = 'naaste.tenant_id';
