import { z } from 'zod';
import { type Command, CommandError } from '../../platform/cli/command.ts';
import { inContext } from '../../platform/db/context.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { ORGANISATION_KINDS, type OrganisationKind } from './organisations.schemas.ts';
import * as service from './organisations.service.ts';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Service errors become one readable message for the operator. */
async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof z.ZodError) {
      throw new CommandError(error.issues.map((i) => `--${i.path.join('.') || 'input'}: ${i.message}`).join('\n'));
    }
    if (error instanceof HttpProblem) throw new CommandError(error.message);
    throw error;
  }
}

export const organisationCommands: Command[] = [
  {
    name: 'municipality:add',
    summary: 'Start a Naaste network for a municipality (from the CBS list, or a new one).',
    usage: 'municipality:add --code GM0150 [--name Deventer] [--province Overijssel] [--primary-color #1f5c99]',
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      province: { type: 'string' },
      'primary-color': { type: 'string' },
      'primary-text-color': { type: 'string' },
    },
    run: async (args, env) => {
      const result = await explained(() =>
        inContext(env.db, { tenantId: null, actor: env.actor }, async (ctx) => {
          const code = str(args.code)?.toUpperCase() ?? '';
          const known = code ? await service.findMunicipalityByCode(ctx, code) : undefined;
          const theme: Record<string, string> = {};
          if (str(args['primary-color'])) theme.primaryColor = str(args['primary-color']) as string;
          if (str(args['primary-text-color'])) theme.primaryTextColor = str(args['primary-text-color']) as string;
          return service.addMunicipality(ctx, {
            code,
            name: str(args.name) ?? known?.name ?? '',
            province: str(args.province),
            theme,
          });
        }),
      );
      const m = result.municipality;
      env.print(`${result.created ? 'Added' : 'Activated'} ${m.name} (${m.code}); public page: ${env.config.baseUrl}/gemeenten/${m.slug}`);
    },
  },
  {
    name: 'municipality:list',
    summary: 'List municipalities that run a Naaste network (--all for the whole CBS list).',
    usage: 'municipality:list [--all] [--search text]',
    options: { all: { type: 'boolean' }, search: { type: 'string' } },
    run: async (args, env) => {
      const page = await inContext(env.db, { tenantId: null, actor: env.actor, readOnly: true }, (ctx) =>
        service.listMunicipalities(ctx, { search: str(args.search), active: args.all ? undefined : true, page: 1, pageSize: 400 }),
      );
      for (const m of page.items) env.print(`${m.code}  ${m.name}${m.active ? '' : '  (no network)'}`);
      env.print(`${page.total} municipalities`);
    },
  },
  {
    name: 'organisation:add',
    summary: 'Add an organisation and join it to the network of one or more municipalities.',
    usage:
      'organisation:add --name "Steunpunt Mantelzorg" --kind supportCentre --municipality GM0150 [--municipality GM0153] ' +
      '[--finding-place] [--email ..] [--phone ..] [--website ..] [--street ..] [--postcode ..] [--city ..] [--description ..]',
    options: {
      name: { type: 'string' },
      kind: { type: 'string' },
      municipality: { type: 'string', multiple: true },
      'finding-place': { type: 'boolean' },
      email: { type: 'string' },
      phone: { type: 'string' },
      website: { type: 'string' },
      street: { type: 'string' },
      postcode: { type: 'string' },
      city: { type: 'string' },
      description: { type: 'string' },
    },
    run: async (args, env) => {
      const kind = str(args.kind);
      if (kind && !(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
        throw new CommandError(`--kind must be one of: ${ORGANISATION_KINDS.join(', ')}.`);
      }
      const result = await explained(() =>
        inContext(env.db, { tenantId: null, actor: env.actor }, (ctx) =>
          service.addOrganisation(ctx, {
            name: str(args.name) ?? '',
            kind: (kind ?? 'other') as OrganisationKind,
            isFindingPlace: args['finding-place'] === true,
            email: str(args.email),
            phone: str(args.phone),
            website: str(args.website),
            street: str(args.street),
            postcode: str(args.postcode),
            city: str(args.city),
            description: str(args.description),
            municipalityCodes: Array.isArray(args.municipality) ? args.municipality.map((c) => c.toUpperCase()) : [],
          }),
        ),
      );
      const o = result.organisation;
      env.print(
        `${result.created ? 'Added' : 'Found'} ${o.name} (${o.id}); ` +
          (result.joined.length ? `joined the network of ${result.joined.join(', ')}` : 'already in every network given'),
      );
    },
  },
  {
    name: 'organisation:list',
    summary: 'List the organisations in a municipality network.',
    usage: 'organisation:list --municipality GM9999',
    options: { municipality: { type: 'string' } },
    run: async (args, env) => {
      const code = str(args.municipality)?.toUpperCase() ?? '';
      const municipality = await inContext(env.db, { tenantId: null, actor: env.actor, readOnly: true }, (ctx) =>
        service.findMunicipalityByCode(ctx, code),
      );
      if (!municipality?.active) throw new CommandError(`There is no Naaste network with code "${code}".`);
      const page = await inContext(env.db, { tenantId: municipality.id, actor: env.actor, readOnly: true }, (ctx) =>
        service.listNetwork(ctx, { page: 1, pageSize: 1000 }),
      );
      for (const o of page.items) env.print(`${o.id}  ${o.kind.padEnd(22)} ${o.name}`);
      env.print(`${page.total} organisations in ${municipality.name}`);
    },
  },
];
