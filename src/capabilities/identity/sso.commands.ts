import { type Command, CommandError } from '../../platform/cli/command.ts';
import { inContext } from '../../platform/db/context.ts';
import * as service from './sso.service.ts';

/** Where the client secret comes from, so that it never stands on a command line (shell history, process list). */
export const SSO_SECRET_ENV = 'NAASTE_SSO_CLIENT_SECRET';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** The secret from the environment, else from piped input when --client-secret-stdin is given. */
async function clientSecret(args: Record<string, unknown>): Promise<string | undefined> {
  const fromEnv = str(process.env[SSO_SECRET_ENV]);
  if (fromEnv) return fromEnv;
  if (args['client-secret-stdin'] === true) {
    if (process.stdin.isTTY)
      throw new CommandError('Pipe the client secret in, e.g. `pass show sso | npm run naaste -- organisation:sso ...`.');
    return str(await readStdin());
  }
  return undefined;
}

export const ssoCommands: Command[] = [
  {
    name: 'organisation:sso',
    summary: `Set up single sign-on (OpenID Connect) for an organisation's staff, show it, or turn it off; the client secret comes from ${SSO_SECRET_ENV} or stdin.`,
    usage:
      'organisation:sso --organisation <id> [--issuer https://login.example.nl] [--client-id naaste] [--domain example.nl ...] ' +
      `[--client-secret-stdin] [--disable | --enable]   (secret: ${SSO_SECRET_ENV}=... or piped with --client-secret-stdin)`,
    options: {
      organisation: { type: 'string' },
      issuer: { type: 'string' },
      'client-id': { type: 'string' },
      domain: { type: 'string', multiple: true },
      'client-secret-stdin': { type: 'boolean' },
      disable: { type: 'boolean' },
      enable: { type: 'boolean' },
    },
    run: async (args, env) => {
      const organisationId = str(args.organisation);
      if (!organisationId) throw new CommandError('Give the organisation with --organisation <id> (see organisation:list).');
      if (args.disable && args.enable) throw new CommandError('Give --disable or --enable, not both.');
      const domains = Array.isArray(args.domain) ? args.domain.flatMap((d) => d.split(',')).filter((d) => d.trim() !== '') : undefined;
      const issuer = str(args.issuer);
      const clientId = str(args['client-id']);
      const secret = args.disable || args.enable ? undefined : await clientSecret(args);
      const changes = issuer !== undefined || clientId !== undefined || domains !== undefined || secret !== undefined;
      if ((args.disable || args.enable) && changes) throw new CommandError('Turn single sign-on on or off in a command of its own.');

      const result = await inContext(env.db, { tenantId: null, actor: env.actor }, async (ctx) => {
        try {
          if (args.disable) return await service.setSsoEnabled(ctx, organisationId, false);
          if (args.enable) return await service.setSsoEnabled(ctx, organisationId, true);
          if (!changes) return await service.ssoSummary(ctx, organisationId);
          return await service.configureSso(ctx, { organisationId, issuer, clientId, clientSecret: secret, emailDomains: domains });
        } catch (error) {
          if (error instanceof service.SsoSetupError) throw new CommandError(error.message);
          throw error;
        }
      });
      if (!result) {
        env.print(`Organisation ${organisationId} has no single sign-on; its staff sign in with password and code.`);
        return;
      }
      env.print(
        `${result.organisationName}: single sign-on ${result.enabled ? 'ON' : 'OFF'}; issuer ${result.issuer}; client ${result.clientId}; ` +
          `domains ${result.emailDomains.join(', ')}; callback ${env.config.baseUrl}/inloggen/sso/terug`,
      );
    },
  },
];
