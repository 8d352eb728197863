import type { ServiceContext } from '../../platform/db/context.ts';
import { PROFILE } from '../directory/directory.service.ts';

/**
 * CSV export of one municipality's social map, every entry whatever its review status, for the
 * network coordinator's own lists and checks. Semicolon-separated with a byte-order mark, as Dutch
 * spreadsheet programs expect; every cell quoted; cells that a spreadsheet would read as a formula
 * (starting with = + - @ or a tab or carriage return) get a leading apostrophe, so an entry can
 * never run a formula on the coordinator's computer.
 */

export const CSV_HEADER = [
  'id',
  'bron_id',
  'naam',
  'organisatie',
  'adres',
  'postcode',
  'plaats',
  'telefoon',
  'email',
  'website',
  'steunvormen',
  'doelgroepen',
  'laatst_gecontroleerd',
  'status',
  'beoordeling',
] as const;

/** One cell, quoted and made safe for spreadsheets. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(values: unknown[]): string {
  return values.map(csvCell).join(';');
}

type ExportRow = {
  id: string;
  source_id: string | null;
  name: string;
  organisation: string;
  address: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  email: string | null;
  url: string | null;
  forms: string | null;
  groups: string | null;
  assured_date: string | null;
  status: string;
  review_status: string;
};

const BATCH = 5000;

/** The whole map as CSV text (read in batches, in name order). */
export async function exportCsv(ctx: ServiceContext, tenantId: string): Promise<{ csv: string; rows: number }> {
  const lines = [`\ufeff${csvLine([...CSV_HEADER])}`];
  let after: { name: string; id: string } | null = null;
  let count = 0;
  for (;;) {
    const result: { rows: ExportRow[] } = await ctx.sql.query<ExportRow>(
      `select s.id, s.source_id, s.name, o.name as organisation,
              addr.address_1 as address, addr.postal_code as postcode, addr.city,
              (select p.number from directory_phones p where p.service_id = s.id and p.contact_id is null order by p.id limit 1) as phone,
              s.email, s.url,
              (select string_agg(t.name, ', ' order by t.name) from directory_attributes a
                 join taxonomy_terms t on t.id = a.taxonomy_term_id join taxonomies x on x.id = t.taxonomy_id
                where a.tenant_id = s.tenant_id and a.link_type = 'service' and a.link_id = s.id and x.uri = $2) as forms,
              (select string_agg(t.name, ', ' order by t.name) from directory_attributes a
                 join taxonomy_terms t on t.id = a.taxonomy_term_id join taxonomies x on x.id = t.taxonomy_id
                where a.tenant_id = s.tenant_id and a.link_type = 'service' and a.link_id = s.id and x.uri = $3) as groups,
              s.assured_date, s.status, s.review_status
         from directory_services s
         join directory_organizations o on o.id = s.organization_id
         left join lateral (
           select ad.address_1, ad.postal_code, ad.city
             from directory_service_at_locations sal join directory_addresses ad on ad.location_id = sal.location_id
            where sal.service_id = s.id
            order by (ad.address_type = 'physical') desc, sal.id, ad.id limit 1) addr on true
        where s.tenant_id = $1 and ($4::text is null or (s.name, s.id) > ($4::text, $5::uuid))
        order by s.name, s.id
        limit ${BATCH}`,
      [tenantId, PROFILE.supportForms.taxonomyUri, PROFILE.targetGroups.taxonomyUri, after?.name ?? null, after?.id ?? null],
    );
    const rows: ExportRow[] = result.rows;
    for (const r of rows) {
      lines.push(
        csvLine([
          r.id,
          r.source_id,
          r.name,
          r.organisation,
          r.address,
          r.postcode,
          r.city,
          r.phone,
          r.email,
          r.url,
          r.forms,
          r.groups,
          r.assured_date,
          r.status,
          r.review_status,
        ]),
      );
    }
    count += rows.length;
    const last: ExportRow | undefined = rows[rows.length - 1];
    if (!last || rows.length < BATCH) break;
    after = { name: last.name, id: last.id };
  }
  return { csv: `${lines.join('\r\n')}\r\n`, rows: count };
}
