import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { inContext } from '../../platform/db/context.ts';
import { API_PREFIX } from '../../platform/http/openapi.ts';
import { HttpProblem } from '../../platform/http/problem.ts';
import { personContext } from '../../platform/http/principal.ts';
import { format } from '../../platform/i18n/i18n.ts';
import type { FieldError } from '../../ui/components.tsx';
import { buildPageContext } from '../../ui/page-context.ts';
import { renderDocument } from '../../ui/render.ts';
import { pageSession } from '../identity/identity.routes.tsx';
import { exportCsv } from './hsds.export.ts';
import { IMPORT_LIMITS, type ImportReport, importServices, readDataset } from './hsds.import.ts';
import { hsdsMessages } from './hsds.messages.ts';
import { canExchangeDirectory } from './hsds.policy.ts';
import { ImportPage } from './pages/import-page.tsx';

export const IMPORT_PATH = '/beheer/sociale-kaart/importeren';
export const EXPORT_PATH = '/beheer/sociale-kaart/exporteren';

/**
 * Reads a multipart/form-data body into its text fields (a file field becomes its content as
 * UTF-8 text). Only for the import form, which has a file, a textarea and the CSRF token: no
 * JavaScript is needed to upload a file, and no extra package either.
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) throw Object.assign(new Error('The form has no multipart boundary.'), { statusCode: 400 });
  const delimiter = Buffer.from(`--${marker}`);
  const fields: Record<string, string> = {};
  let start = body.indexOf(delimiter);
  let parts = 0;
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    parts += 1;
    if (parts > 10) throw Object.assign(new Error('The form has too many parts.'), { statusCode: 400 });
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('utf8');
      const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
      if (name && !(name in fields)) fields[name] = part.subarray(split + 4).toString('utf8');
    }
    start = next;
  }
  return fields;
}

function html(reply: FastifyReply, page: preact.VNode, status = 200): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

/** The coordinator's import page and CSV download. */
export async function registerHsdsPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  // Encapsulated in this plugin: only these routes read multipart bodies.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.bytes + 1024 * 1024 },
    (request, body, done) => {
      try {
        done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );

  /** The municipality the coordinator works in, or 404 for anyone else. */
  async function coordinator(request: FastifyRequest) {
    const { principal, options } = await personContext(request);
    if (!canExchangeDirectory(principal) || !principal.tenantId) throw new HttpProblem(404, 'Not found.');
    const membership = principal.memberships.find((ms) => ms.tenantId === principal.tenantId);
    return {
      options,
      tenantId: principal.tenantId,
      name: membership?.municipalityName ?? '',
      code: membership?.municipalityCode ?? '',
    };
  }

  const page = (
    request: FastifyRequest,
    reply: FastifyReply,
    who: { name: string; code: string },
    state: { pasted: string; errors: FieldError[]; report: ImportReport | null },
    status = 200,
  ) => {
    const ctx = buildPageContext(request, reply);
    const feedUrl = `${app.config.baseUrl}${API_PREFIX}/hsds/services?municipality=${who.code}`;
    return html(
      reply,
      <ImportPage ctx={ctx} municipalityName={who.name} municipalityCode={who.code} feedUrl={feedUrl} {...state} />,
      status,
    );
  };

  typed.get(IMPORT_PATH, { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const who = await coordinator(request);
    return page(request, reply, who, { pasted: '', errors: [], report: null });
  });

  typed.post(
    IMPORT_PATH,
    { config: { access: 'signedIn' }, bodyLimit: IMPORT_LIMITS.bytes + 1024 * 1024, schema: { hide: true } },
    async (request, reply) => {
      if (!pageSession(request, reply)) return reply;
      const who = await coordinator(request);
      const m = hsdsMessages[buildPageContext(request, reply).locale];
      const body = (request.body ?? {}) as Record<string, unknown>;
      const file = typeof body.file === 'string' ? body.file : '';
      const pasted = typeof body.json === 'string' ? body.json : '';
      const text = file.trim() !== '' ? file : pasted;
      // What was pasted comes back in the form; a very large paste does not.
      const keep = pasted.length <= 200_000 ? pasted : '';
      if (text.trim() === '') {
        return page(request, reply, who, { pasted: keep, errors: [{ field: 'file', message: m.errorNothing }], report: null }, 400);
      }
      const dataset = readDataset(text);
      const report = dataset.ok ? await inContext(app.db, who.options, (ctx) => importServices(ctx, dataset.services)) : dataset.report;
      if (!report.ok) {
        const message =
          report.rejected.length > 0
            ? format(m.errorFaults, { count: report.rejected.length })
            : format(m.errorFile, { message: report.message ?? '' });
        return page(request, reply, who, { pasted: keep, errors: [{ field: 'file', message }], report }, 400);
      }
      request.log.info({ services: report.services, organizations: report.organizations }, 'social map imported');
      return page(request, reply, who, { pasted: '', errors: [], report });
    },
  );

  typed.get(EXPORT_PATH, { config: { access: 'signedIn' }, schema: { hide: true } }, async (request, reply) => {
    if (!pageSession(request, reply)) return reply;
    const who = await coordinator(request);
    const { csv } = await inContext(app.db, { ...who.options, readOnly: true }, (ctx) => exportCsv(ctx, who.tenantId));
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="sociale-kaart-${who.code}.csv"`)
      .send(csv);
  });
}
