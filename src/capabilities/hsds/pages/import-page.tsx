import { format } from '../../../platform/i18n/i18n.ts';
import { CsrfField, ErrorSummary, type FieldError, Heading1, Paragraph } from '../../../ui/components.tsx';
import { Notice, SubmitButton, TextArea } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import type { ImportReport } from '../hsds.import.ts';
import { hsdsMessages } from '../hsds.messages.ts';

const SHOWN_CHANGES = 200;

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    // A wide table scrolls sideways on a phone; the region can be reached and scrolled by keyboard.
    <section class="naaste-table-scroll" aria-label={caption} tabindex={0}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {head.map((h) => (
              <th class="utrecht-table__header-cell" scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((row, i) => (
            <tr class="utrecht-table__row" key={`${i}-${row[0]}`}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th class="utrecht-table__header-cell" scope="row" key={`${j}-${head[j]}`}>
                    {cell}
                  </th>
                ) : (
                  <td class="utrecht-table__cell" key={`${j}-${head[j]}`}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function objectName(ctx: PageContext, object: string): string {
  const m = hsdsMessages[ctx.locale];
  return (
    ({ service: m.objectService, organization: m.objectOrganization, location: m.objectLocation } as Record<string, string>)[object] ??
    object
  );
}

function Report({ ctx, report }: { ctx: PageContext; report: ImportReport }) {
  const m = hsdsMessages[ctx.locale];
  if (!report.ok) {
    if (report.rejected.length === 0) return null;
    return (
      <section aria-labelledby="faults-title">
        <h2 class="utrecht-heading-2" id="faults-title">
          {m.faultsTitle}
        </h2>
        <Table
          caption={m.faultsTitle}
          head={[m.object, m.id, m.field, m.reason]}
          rows={report.rejected.map((f) => [objectName(ctx, f.object), f.id ?? '', f.field, f.reason])}
        />
      </section>
    );
  }
  const nothing = report.changes.length === 0;
  return (
    <section aria-labelledby="report-title">
      <h2 class="utrecht-heading-2" id="report-title">
        {m.reportTitle}
      </h2>
      <Notice>
        <Paragraph>{nothing ? m.reportNothingChanged : m.reportDone}</Paragraph>
      </Notice>
      <Table
        caption={m.reportTitle}
        head={[m.kind, m.created, m.updated, m.unchanged]}
        rows={[
          [m.services, report.services.created, report.services.updated, report.services.unchanged],
          [m.organizations, report.organizations.created, report.organizations.updated, report.organizations.unchanged],
          [m.locations, report.locations.created, report.locations.updated, report.locations.unchanged],
          [m.taxonomyTerms, report.taxonomyTerms.created, 0, 0],
        ]}
      />
      {nothing ? null : (
        <>
          <h3 class="utrecht-heading-3">{m.changesTitle}</h3>
          <ul class="utrecht-unordered-list">
            {report.changes.slice(0, SHOWN_CHANGES).map((c) => (
              <li key={`${c.object}-${c.id}`}>
                {c.outcome === 'created' ? m.created : m.updated}: {objectName(ctx, c.object)} “{c.name}” ({c.id})
              </li>
            ))}
          </ul>
          {report.changes.length > SHOWN_CHANGES ? (
            <Paragraph>{format(m.changesMore, { count: report.changes.length - SHOWN_CHANGES })}</Paragraph>
          ) : null}
        </>
      )}
    </section>
  );
}

export function ImportPage({
  ctx,
  municipalityName,
  municipalityCode,
  feedUrl,
  pasted,
  errors,
  report,
}: {
  ctx: PageContext;
  municipalityName: string;
  municipalityCode: string;
  feedUrl: string;
  pasted: string;
  errors: FieldError[];
  report: ImportReport | null;
}) {
  const m = hsdsMessages[ctx.locale];
  const title = `${m.title}: ${municipalityName}`;
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${ctx.locale === 'nl' ? 'Fout' : 'Error'}: ${title}` : title}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Heading1>{title}</Heading1>
      {report ? <Report ctx={ctx} report={report} /> : null}
      <Paragraph lead>{m.lead}</Paragraph>
      <Notice>
        <Paragraph>{m.published}</Paragraph>
      </Notice>
      <Paragraph>{m.limits}</Paragraph>
      <Paragraph>{m.allOrNothing}</Paragraph>
      <form method="post" action="/beheer/sociale-kaart/importeren" enctype="multipart/form-data" novalidate class="naaste-form">
        <CsrfField ctx={ctx} />
        <div class={`utrecht-form-field naaste-field${errors.some((e) => e.field === 'file') ? ' naaste-field--invalid' : ''}`}>
          <label class="utrecht-form-label" for="file">
            {m.fileLabel}
          </label>
          <p class="utrecht-form-field-description naaste-hint" id="file-hint">
            {m.fileHint}
          </p>
          {errors
            .filter((e) => e.field === 'file')
            .map((e) => (
              <p class="utrecht-form-field-error-message naaste-field-error" id="file-error" key="file-error">
                {e.message}
              </p>
            ))}
          <input
            class="utrecht-textbox"
            type="file"
            id="file"
            name="file"
            accept=".json,application/json"
            aria-describedby={errors.some((e) => e.field === 'file') ? 'file-hint file-error' : 'file-hint'}
            aria-invalid={errors.some((e) => e.field === 'file') ? 'true' : undefined}
          />
        </div>
        <TextArea name="json" label={m.pasteLabel} hint={m.pasteHint} value={pasted} errors={[]} rows={8} />
        <SubmitButton>{m.submit}</SubmitButton>
      </form>
      <h2 class="utrecht-heading-2">{m.exportTitle}</h2>
      <Paragraph>{m.exportLead}</Paragraph>
      <Paragraph>
        <a class="utrecht-link" href="/beheer/sociale-kaart/exporteren" download={`sociale-kaart-${municipalityCode}.csv`}>
          {m.exportLink}
        </a>
      </Paragraph>
      <h2 class="utrecht-heading-2">{m.feedTitle}</h2>
      <Paragraph>
        {m.feedLead}{' '}
        <a class="utrecht-link" href={feedUrl}>
          {feedUrl}
        </a>
      </Paragraph>
    </Layout>
  );
}
