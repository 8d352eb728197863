import type { OpenApiDocument, Operation } from '../../../platform/http/openapi.ts';
import { Heading1, Paragraph } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import { apiDocsMessages } from '../api-docs.messages.ts';

type Entry = { method: string; path: string; operation: Operation };

function anchor(entry: Entry): string {
  return entry.operation.operationId ?? `${entry.method}-${entry.path.replace(/[^a-z0-9]+/gi, '-')}`;
}

function typeOf(schema: Record<string, unknown> | undefined): string {
  if (!schema) return '';
  const type = typeof schema.type === 'string' ? schema.type : '';
  if (Array.isArray(schema.enum)) return `${type}: ${schema.enum.join(' | ')}`;
  const limits = [schema.minimum !== undefined ? `≥ ${schema.minimum}` : '', schema.maximum !== undefined ? `≤ ${schema.maximum}` : '']
    .filter(Boolean)
    .join(', ');
  return [type, schema.format ? `(${schema.format})` : '', limits].filter(Boolean).join(' ');
}

/** Browsable, server-rendered documentation of the OpenAPI document: no script needed. */
export function ApiDocsPage({ ctx, doc }: { ctx: PageContext; doc: OpenApiDocument }) {
  const m = apiDocsMessages[ctx.locale];
  const entries: Entry[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
  const tags = (doc.tags ?? []).filter((tag) => entries.some((e) => e.operation.tags?.includes(tag.name)));
  const server = doc.servers?.[0]?.url ?? '';
  return (
    <Layout ctx={ctx} title={m.title}>
      <Heading1>{m.title}</Heading1>
      <Paragraph lead>{m.lead}</Paragraph>
      <dl class="naaste-facts">
        <dt>{m.server}</dt>
        <dd>
          <code>{server}</code>
        </dd>
        <dt>{m.version}</dt>
        <dd>{doc.info.version}</dd>
      </dl>
      <Paragraph>
        <a class="utrecht-link" href="/api/v1/openapi.json" type="application/json">
          {m.document}
        </a>
      </Paragraph>
      <h2 class="utrecht-heading-2">{m.rules}</h2>
      <ul class="utrecht-unordered-list">
        <li>{m.ruleVersion}</li>
        <li>{m.ruleErrors}</li>
        <li>{m.ruleCors}</li>
      </ul>
      <h2 class="utrecht-heading-2">{m.operations}</h2>
      <nav aria-label={m.operations}>
        <ul class="utrecht-unordered-list">
          {entries.map((entry) => (
            <li key={anchor(entry)}>
              <a class="utrecht-link" href={`#${anchor(entry)}`}>
                <code>
                  {entry.method} {entry.path}
                </code>{' '}
                {entry.operation.summary}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`}>
          <h2 class="utrecht-heading-2" id={`tag-${tag.name}`}>
            {tag.name}
          </h2>
          {tag.description ? <Paragraph>{tag.description}</Paragraph> : null}
          {entries
            .filter((entry) => entry.operation.tags?.includes(tag.name))
            .map((entry) => (
              <OperationSection key={anchor(entry)} ctx={ctx} entry={entry} />
            ))}
        </section>
      ))}
    </Layout>
  );
}

function OperationSection({ ctx, entry }: { ctx: PageContext; entry: Entry }) {
  const m = apiDocsMessages[ctx.locale];
  const { operation } = entry;
  const parameters = operation.parameters ?? [];
  return (
    <article class="naaste-operation" id={anchor(entry)} aria-labelledby={`${anchor(entry)}-title`}>
      <h3 class="utrecht-heading-3" id={`${anchor(entry)}-title`}>
        <code>
          {entry.method} {entry.path}
        </code>
      </h3>
      {operation.summary ? <Paragraph>{operation.summary}</Paragraph> : null}
      {operation.description ? <Paragraph>{operation.description}</Paragraph> : null}
      <h4 class="utrecht-heading-4">{m.parameters}</h4>
      {parameters.length === 0 ? (
        <Paragraph>{m.noParameters}</Paragraph>
      ) : (
        // Focusable and named, so keyboard users can scroll a table that is wider than a small screen.
        <section class="naaste-table-scroll" tabindex={0} aria-label={`${m.parameters}: ${entry.method} ${entry.path}`}>
          <table class="utrecht-table">
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  {m.name}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {m.location}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {m.required}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {m.type}
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  {m.description}
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {parameters.map((p) => (
                <tr class="utrecht-table__row" key={`${p.in}-${p.name}`}>
                  <td class="utrecht-table__cell">
                    <code>{p.name}</code>
                  </td>
                  <td class="utrecht-table__cell">{p.in === 'path' ? m.inPath : p.in === 'query' ? m.inQuery : p.in}</td>
                  <td class="utrecht-table__cell">{p.required ? m.yes : m.no}</td>
                  <td class="utrecht-table__cell">{typeOf(p.schema)}</td>
                  <td class="utrecht-table__cell">{p.description ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <h4 class="utrecht-heading-4">{m.responses}</h4>
      <ul class="utrecht-unordered-list">
        {Object.entries(operation.responses ?? {}).map(([status, response]) => (
          <li key={status}>
            <strong>{status}</strong> {response.description ?? ''}{' '}
            {response.content ? <code>{Object.keys(response.content).join(', ')}</code> : null}
          </li>
        ))}
      </ul>
    </article>
  );
}
