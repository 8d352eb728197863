import type { ServiceContext } from '../../platform/db/context.ts';
import { englishGlossary, PROFILE } from './directory.profile.ts';
import { PHONES_JSON, SCHEDULES_JSON, type Schedule, type ServiceTerm, TERMS_JSON } from './directory.queries.ts';
import { distanceKm, isOpenNow, olderThanMonths, type Place, profileTerms, WARN_AFTER_MONTHS } from './directory.service.ts';

/** Longer questions are cut here (with a message): nobody types more, and it bounds the work. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words of a question are used. */
export const MAX_QUERY_WORDS = 12;
/** Offset pagination is bounded: past this page (500 results), narrow the search instead. */
export const MAX_PAGE = 25;
/** Matches ranked below this share of the best match are left out (weak, one-word-of-many hits). */
const RELEVANCE_FLOOR = 0.2;
/** Sorted by distance, a weak match would come first just by being near: keep good matches only. */
const DISTANCE_FLOOR = 0.5;

// Words that carry no meaning of their own in a question: small words, and words nearly every
// service of a social map has ("hulp bij ..."). They are searched only when nothing else is asked.
const STOPWORDS = new Set(
  (
    'hulp help helpen zorg care ondersteuning support to of in at on by an my me aan als bij dan dat die dit doen een even geen heb heeft hem hen het hier hij hoe iemand iets ik je jij kan kun kunnen maar ' +
    'mag me mee meer men met mij mijn moet naar niet nog nu of om onze ook op over te tot u uit uw van veel voor wat we wel ' +
    'welke wie wij wil worden zal ze zich zij zijn zo zou about after also and any are can could for from have her him his how ' +
    'into its just like more need near not one our she some someone something than that the their them then there they this ' +
    'what when where which who will with would you your'
  ).split(' '),
);

export type QueryAnalysis = { text: string; truncated: boolean; words: string[] };

/** Lower case, no accents, letters and digits only; at most MAX_QUERY_WORDS distinct words. */
export function analyseQuery(raw: string): QueryAnalysis {
  const trimmed = raw.replace(/\s+/g, ' ').trim();
  const truncated = trimmed.length > MAX_QUERY_LENGTH;
  const text = truncated ? trimmed.slice(0, MAX_QUERY_LENGTH) : trimmed;
  const words = [
    ...new Set(
      text
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 2 && w.length <= 60),
    ),
  ].slice(0, MAX_QUERY_WORDS);
  return { text, truncated, words };
}

export const SORTS = ['relevance', 'distance', 'name'] as const;
export type Sort = (typeof SORTS)[number];

export type SearchInput = {
  text: string;
  /** Codes of PROFILE.supportForms; any of them. */
  forms?: string[];
  /** Codes of PROFILE.targetGroups; any of them. */
  groups?: string[];
  /** true: free only; false: paid only. */
  free?: boolean | null;
  /** ISO 639 code, e.g. 'tr'. */
  language?: string | null;
  place?: Place | null;
  /** Default: distance when a place is given, else relevance (name without words). */
  sort?: Sort | null;
  page?: number;
  pageSize?: number;
  now?: Date;
};

export type MatchReason =
  | { kind: 'name'; word: string }
  | { kind: 'term'; word: string; term: string; termEn: string | null }
  | { kind: 'text'; word: string }
  | { kind: 'similar'; word: string; similar: string }
  | { kind: 'translation'; word: string; translation: string };

export type SearchHit = {
  id: string;
  name: string;
  organizationName: string;
  description: string | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  isFree: boolean | null;
  assuredDate: string | null;
  /** Not checked for more than WARN_AFTER_MONTHS months. */
  checkWarning: boolean;
  openNow: boolean | null;
  distanceKm: number | null;
  address: { address1: string; postalCode: string; city: string } | null;
  terms: ServiceTerm[];
  reasons: MatchReason[];
};

export type SearchResult = {
  items: SearchHit[];
  /** How many matches; on a large map at most MAX_RANKED, or those near the place (see moreThanTotal). */
  total: number;
  /** There are more matches than `total`: only the best MAX_RANKED, or the nearest, were ranked. */
  moreThanTotal: boolean;
  /** The last page that can be opened (at most MAX_PAGE). */
  lastPage: number;
  /** Some matches lie beyond the last page, or were not ranked: adding a word or filter would help. */
  narrowDown: boolean;
  page: number;
  pageSize: number;
  sort: Sort;
  query: QueryAnalysis;
  /** Words not found as typed, and the words searched instead. */
  corrections: { word: string; similar: string[] }[];
  /** Filter codes that are not profile terms (ignored). */
  unknownFilters: string[];
};

type Part = {
  word: string;
  tsquery: string;
  similar: string[];
  translation: string | null;
  /** How many services have a word that starts with this one (an estimate of its matches). */
  df: number;
  /** df as a share of the services (the most common word's df). */
  share: number;
  /** Inverse document frequency: how much a match on this word counts. */
  idf: number;
  /** Very common (or a stopword): does not make a service a match by itself. */
  weak: boolean;
  /** Taxonomy terms whose names or keywords the word matches: services with them match too. */
  terms: string[];
};

/**
 * Per word: itself (as prefix when long enough, and a Dutch verb without its -t), the Dutch word
 * for an English one, or the nearest words of the vocabulary when it does not occur; with its
 * weight from how many services use it.
 */
async function queryParts(ctx: ServiceContext, tenantId: string, words: string[]): Promise<Part[]> {
  if (words.length === 0) return [];
  const glossary = englishGlossary();
  const candidates = words.filter((w) => w.length >= 4 && !STOPWORDS.has(w) && !/^\d+$/.test(w) && !glossary.has(w));
  const { rows } = await ctx.sql.query<{ word: string; df: number | null; similar: string[] | null; n: number | null }>(
    `select w as word,
       -- "+ 0": read the words by their prefix, not all words by weight until one has the prefix.
       (select max(v.df + 0) from directory_search_vocabulary v where v.tenant_id = $1 and v.word ~>=~ w and v.word ~<~ (w || '{')) as df,
       case when not (w = any($3::text[]))
              or exists (select 1 from directory_search_vocabulary v where v.tenant_id = $1 and v.word ~>=~ w and v.word ~<~ (w || '{')) then null
       else (select array_agg(x.word order by x.sim desc) from (
               select c.word, c.sim from (
                 select v.word, similarity(v.word, w) as sim from directory_search_vocabulary v
                 where v.tenant_id = $1 and v.word % w order by sim desc, v.word limit 10) c
               -- Only words a published service has (the vocabulary also holds words of drafts),
               -- in its own text or through one of its terms.
               where c.sim >= 0.45 and (
                 exists (select 1 from directory_search_public s
                         where s.tenant_id = $1 and s.search_vector @@ (to_tsquery('dutch', c.word) || to_tsquery('english', c.word)))
                 or exists (select 1 from taxonomy_terms t join directory_search_public s on s.tenant_id = $1 and s.term_ids @> array[t.id]
                            where t.search_vector @@ (to_tsquery('dutch', c.word) || to_tsquery('english', c.word))))
               order by c.sim desc, c.word limit 3) x) end as similar,
       (select v.df from directory_search_vocabulary v where v.tenant_id = $1 order by v.df desc limit 1) as n
     from unnest($2::text[]) as w`,
    [tenantId, words.map((w) => glossary.get(w) ?? w), candidates.map((w) => glossary.get(w) ?? w)],
  );
  const info = new Map(words.map((w, i) => [w, rows[i]]));
  const parts = words.map((word): Part => {
    const own = word.length >= 5 ? `${word}:*` : word;
    const translation = glossary.get(word) ?? null;
    const r = info.get(word);
    const near = translation ? [] : (r?.similar ?? []);
    // "rijdt", "oppast", "zorgt": also the stem without -t.
    const alternatives = [own, ...(translation ? [] : dutchForms(word)), ...near, ...(translation ? [`${translation}:*`] : [])];
    const n = Math.max(r?.n ?? 1, 1);
    const df = r?.df ?? 0;
    return {
      word,
      similar: near,
      translation,
      tsquery: alternatives.length > 1 ? `(${alternatives.join(' | ')})` : own,
      df,
      share: df / n,
      idf: Math.log(1 + n / (1 + df)),
      weak: STOPWORDS.has(word) || (n >= 20 && df > n / 2),
      terms: [],
    };
  });
  // The terms each word finds (a small table; its names and keywords in Dutch and English are
  // stored as one vector per term, migration 0025).
  const found = await ctx.sql.query<{ ord: number; terms: string[] }>(
    `select x.ord::int as ord, array_agg(t.id) as terms
     from unnest($1::text[]) with ordinality as x(q, ord)
     join taxonomy_terms t on t.search_vector @@ (to_tsquery('dutch', x.q) || to_tsquery('english', x.q))
     group by x.ord`,
    [parts.map((x) => x.tsquery)],
  );
  for (const r of found.rows) {
    const part = parts[r.ord - 1];
    if (part) part.terms = r.terms;
  }
  // A question of only weak words still searches with them.
  return parts.every((x) => x.weak)
    ? parts.map((x) => ({ ...x, weak: STOPWORDS.has(x.word) && parts.some((y) => !STOPWORDS.has(y.word)) }))
    : parts;
}

/**
 * Other forms of a Dutch word the stemmer does not join: a verb without its -t ("rijdt",
 * "oppast"), and the closed syllable of an infinitive or plural ("logeren" - "logeer",
 * "koken" - "kook", "lenen" - "leen").
 */
export function dutchForms(word: string): string[] {
  if (word.length < 5) return [];
  const forms: string[] = [];
  if (/[^aeiout]t$/.test(word)) forms.push(`${word.slice(0, -1)}:*`);
  const open = /^(.*[^aeiou])([aeiou])([^aeiouj])en$/.exec(word);
  if (open?.[1] && open[2] && open[3]) forms.push(`${open[1]}${open[2]}${open[2]}${open[3]}:*`);
  return forms;
}

/** How many services are ranked exactly (by rare words first: the first five pages); the rest follow by a cheaper rank. */
const RERANK = 100;
/**
 * At most this many matches are ranked and counted: every page a person can reach (MAX_PAGE pages
 * of 20). On a large map a common word matches tens of thousands of services; the best of them
 * are taken first (textPool), and the result then says there are more. The work of a search
 * grows with this number (bench/README.md: 1,000 cost 5-10 ms more at 100,000 services).
 */
export const MAX_RANKED = MAX_PAGE * 20;
/**
 * Nearest first: when the matches are estimated at most this many (rare words, or filters that
 * leave few), all of them are read by their words and filters and ranked with their distances
 * (filteredPool: exact and counted); more are soon found among the nearest services
 * (nearestPool), which reads about 1 / (their share of the map) services per match.
 */
const FEW_MATCHES = 500;
/** Nearest first: at most this many matches are read by their words and filters (estimates can be wrong). */
const MAX_FILTERED = 4 * FEW_MATCHES;
/** Nearest first: words in less than this share of the services are searched by their words first. */
const RARE_SHARE = 0.1;

type Row = { id: string; total: number; distance_km: number | null };

/** The services one search ranks: ids, whether one of the words' terms matched, distance when known. */
type Pool = {
  ids: string[];
  byTerm: boolean[];
  km: number[] | null;
  complete: boolean;
  /** The rank the floor is taken from, when not the best of the pool (nearest first: the same for every page). */
  floorOf?: number;
};

/** Positional parameters of one statement; the municipality is always $1. */
class Params {
  readonly values: unknown[];
  constructor(tenantId: string) {
    this.values = [tenantId];
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

type Filters = { formIds: string[]; groupIds: string[]; free: boolean | null; language: string | null };

// D (English form of the name), C (own text), B (unused), A (name).
const WEIGHTS = `'{0.3, 0.6, 0.7, 1.0}'`;
// A match through a term (its names or keywords) counts like this, per word (shared by the terms it finds).
const TERM_MATCH = 0.2;

/** The first, cheaper rank of a match: its own words, and whether one of the words' terms matched. */
const rankSql = (tsquery: string, byTerm: string, words: number) =>
  `(ts_rank(${WEIGHTS}, s.search_vector, ${tsquery}) + case when ${byTerm} then ${TERM_MATCH / Math.max(words, 1)} else 0 end)`;

/**
 * Public services of the municipality ($1), read through the view directory_search_public
 * (migration 0023, ADR 0020) of directory_search_entries, a narrow copy of each service (public
 * state, is_free, name, search vector, term ids, languages), aliased `s` everywhere. The view
 * carries the tenant condition itself, so the full-text, term and language indexes can be used;
 * read under row-level security, PostgreSQL would not use them (their operators are not leakproof).
 */
const PUBLIC = 's.tenant_id = $1';

const tsq = (p: Params, text: string) => {
  const t = p.add(text);
  return `(to_tsquery('dutch', ${t}) || to_tsquery('english', ${t}))`;
};

/**
 * Services carrying one of these terms: the term ids copied onto the search copy (migration
 * 0022, kept by triggers on the term links), read through their own index.
 */
const carries = (p: Params, termIds: string[], alias = 's') => `${alias}.term_ids && ${p.add(termIds)}::uuid[]`;

/** The filters, on the search copy (`s`) or on the same fields of another table. */
function filterSql(f: Filters, p: Params, alias = 's'): string[] {
  const where: string[] = [];
  if (f.formIds.length) where.push(carries(p, f.formIds, alias));
  if (f.groupIds.length) where.push(carries(p, f.groupIds, alias));
  if (f.free !== null) where.push(`${alias}.is_free = ${p.add(f.free)}`);
  if (f.language) {
    where.push(`${alias}.languages @> array[${p.add(f.language)}::text]`);
  }
  return where;
}

/**
 * The matches of the words, best kinds first, at most `limit`: services with all words and one of
 * their terms, all words in the name, all words anywhere, then any word with a term, a term only,
 * any word in the name, any word anywhere. Each step reads the full-text or term index and stops
 * at the limit, so a word that matches a quarter of a large map costs no more than a rare one.
 * Below the limit (any map of realistic size) every match is in the pool and the ranking is exact.
 */
async function textPool(ctx: ServiceContext, tenantId: string, strong: Part[], filters: Filters, limit: number): Promise<Pool> {
  const all = strong.map((x) => x.tsquery).join(' & ');
  const any = strong.map((x) => x.tsquery).join(' | ');
  const terms = [...new Set(strong.flatMap((x) => x.terms))];
  type Step = { q: string | null; name: boolean; term: boolean };
  const steps: Step[] = [];
  for (const q of strong.length > 1 ? [all, any] : [any]) {
    if (terms.length) steps.push({ q, name: false, term: true });
    if (q === any && terms.length) steps.push({ q: null, name: false, term: true });
    steps.push({ q, name: true, term: false }, { q, name: false, term: false });
  }
  // Common words with a language (a few percent of the services): the services with the language
  // are read and each checked for the words until the limit, rather than combining the words'
  // long index list with the language's (a third of the time; the planner does not see the limit).
  const perRow = Boolean(filters.language) && strong.reduce((n, x) => n + x.share, 0) >= RARE_SHARE;
  const ids: string[] = [];
  const byTerm: boolean[] = [];
  for (const step of steps) {
    const p = new Params(tenantId);
    const where = [PUBLIC];
    if (step.q) {
      const match = `${step.name ? `ts_filter(s.search_vector, '{a,d}')` : 's.search_vector'} @@ ${tsq(p, step.q)}`;
      where.push(perRow && !step.name ? `coalesce(${match}, false)` : match);
    }
    if (step.term) where.push(carries(p, terms));
    where.push(...filterSql(filters, p));
    if (ids.length) where.push(`s.id <> all(${p.add(ids)}::uuid[])`);
    const { rows } = await ctx.sql.query<{ id: string }>(
      `select s.id from directory_search_public s where ${where.join(' and ')} limit ${p.add(limit - ids.length)}`,
      p.values,
    );
    for (const r of rows) {
      ids.push(r.id);
      byTerm.push(step.term);
    }
    if (ids.length >= limit) return { ids, byTerm, km: null, complete: false };
  }
  return { ids, byTerm, km: null, complete: true };
}

/** Without words: the services the filters leave, by name, at most `limit`. */
async function filterPool(ctx: ServiceContext, tenantId: string, filters: Filters, limit: number): Promise<Pool> {
  const p = new Params(tenantId);
  const { rows } = await ctx.sql.query<{ id: string }>(
    `select s.id from directory_search_public s where ${[PUBLIC, ...filterSql(filters, p)].join(' and ')}
     order by s.name_key, s.id limit ${p.add(limit)}`,
    p.values,
  );
  return { ids: rows.map((r) => r.id), byTerm: rows.map(() => false), km: null, complete: rows.length < limit };
}

/** The distance in km from a place to a point (the same everywhere: the circle of latitude counts). */
function kmSql(p: Params, place: Place): (lat: string, lon: string) => string {
  const lat = p.add(place.latitude);
  const lon = p.add(place.longitude);
  return (la, lo) => `111.195 * sqrt(power(${la} - ${lat}::float8, 2) + power((${lo} - ${lon}::float8) * cos(radians(${lat}::float8)), 2))`;
}

/**
 * What makes a public service (`s`) a match: one of the words, or a term the words name, and the
 * filters; with its first rank, whether a term matched and whether the words themselves did.
 */
function matchSql(
  p: Params,
  words: { strong: Part[] } | null,
  filters: Filters,
  through: 'any' | 'words' | 'termsOnly' = 'any',
): { where: string; byTerm: string; rank: string; own: string } {
  const where = [PUBLIC];
  let byTerm = 'false';
  let rank = '0::real';
  let ownMatch = 'true';
  if (words) {
    const terms = [...new Set(words.strong.flatMap((x) => x.terms))];
    if (terms.length) byTerm = carries(p, terms);
    const q = tsq(p, words.strong.map((x) => x.tsquery).join(' | '));
    const own = `s.search_vector @@ ${q}`;
    where.push(through === 'words' ? own : through === 'termsOnly' ? `${byTerm} and not (${own})` : `(${own} or ${byTerm})`);
    rank = rankSql(q, byTerm, words.strong.length);
    ownMatch = own;
  }
  where.push(...filterSql(filters, p));
  return { where: where.join(' and '), byTerm, rank, own: ownMatch };
}

/**
 * PostgreSQL's estimates (from its statistics, reading no rows) of how many public services
 * match, and what share of all public services that is.
 */
async function estimatedMatches(
  ctx: ServiceContext,
  tenantId: string,
  words: { strong: Part[] } | null,
  filters: Filters,
): Promise<{ matches: number; share: number }> {
  const p = new Params(tenantId);
  const { where } = matchSql(p, words, filters);
  type Node = { 'Node Type': string; 'Plan Rows': number; Plans?: Node[] };
  const { rows } = await ctx.sql.query<{ 'QUERY PLAN': { Plan: Node }[] }>(
    `explain (format json) select 1 from directory_search_public s where ${where}
     union all select 1 from directory_search_public s where ${PUBLIC}`,
    p.values,
  );
  // An Append of the two selects (any other plan: no estimate, and the nearest are read).
  const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
  const [matches, all] = plan?.['Node Type'] === 'Append' && plan.Plans?.length === 2 ? plan.Plans.map((x) => x['Plan Rows']) : [];
  if (matches === undefined || !all) return { matches: Number.POSITIVE_INFINITY, share: 1 };
  return { matches, share: Math.min(1, matches / all) };
}

/**
 * The plane of the nearest-neighbour index on directory_search_points (migration 0026): a point's
 * longitude times this factor (the cosine of 52 degrees), and its latitude.
 */
export const NEAREST_LON_SCALE = 0.6157;
/**
 * Nearest first with words: matches read per match a page needs, at first. Most matches of a
 * common word are weak (the word's term only, or the word once in a long text) and fall below
 * the distance floor: of the nearest matches of "boodschappen", about one in nine stays.
 */
const NEAREST_READ_AHEAD = 12;
/**
 * Nearest first: points read at most in the first try (about 5 ms). When matches are sparse
 * (filters that leave a few percent), each costs many points, and fewer are read ahead.
 */
const NEAREST_FIRST_POINTS = 4000;
/**
 * Nearest first: at most this many nearest matches are read before the whole map is searched
 * instead (about one in nine stays above the floor: enough for the last page).
 */
const NEAREST_MAX = 10 * MAX_RANKED;

/**
 * Nearest first: the best rank among the nearest matches (sorted by distance) up to where `need`
 * of them stay above the distance floor measured against that best; null when they never do.
 */
export function firstPageBest(nearest: { rank: number }[], need: number): number | null {
  let best = 0;
  let kept = 0;
  for (let i = 0; i < nearest.length; i++) {
    const rank = nearest[i]?.rank ?? 0;
    if (rank > best) {
      // A better match raises the floor: count again (seldom; otherwise one more is counted).
      best = rank;
      kept = nearest.slice(0, i + 1).filter((x) => x.rank >= best * DISTANCE_FLOOR).length;
    } else if (rank >= best * DISTANCE_FLOOR) kept++;
    if (kept >= need) return best;
  }
  return null;
}

type Ranked = { rank: number; own: boolean };

/** A pool of matches read with their distances. */
const poolOf = (rows: { id: string; by_term: boolean; km: number | null }[]) => ({
  ids: rows.map((x) => x.id),
  byTerm: rows.map((x) => x.by_term),
  km: rows.map((x) => x.km as number),
});

/**
 * Nearest first: the rank the distance floor is measured against, the same for every page: the
 * best of the nearest matches through the words themselves (not only through a term) that fill
 * the first page (firstPageBest). When all matches are known (`complete`) and fewer fill it: the
 * best of them all, or with none, the rank of a match through a term. Null: read more.
 */
export function nearestFloorOf(nearest: Ranked[], need: number, termRank: number, complete: boolean): number | null {
  const own = nearest.filter((x) => x.own);
  const best = firstPageBest(own, need);
  if (best !== null || !complete) return best;
  return own.length ? Math.max(...own.map((x) => x.rank)) : termRank;
}

/**
 * Nearest first: the nearest matches, read from the nearest-neighbour index of
 * directory_search_points (each service at a location with coordinates; migration 0026) until
 * `target` of them stay above the distance floor, and the services at locations placed only by
 * their postcode area. The index orders by a plane distance that can differ a little from the
 * distance shown: the order is trusted up to the radius where no service not yet read can be
 * nearer. Null when even NEAREST_MAX matches are not enough (then the whole map is searched).
 */
async function nearestPool(
  ctx: ServiceContext,
  tenantId: string,
  place: Place,
  words: { strong: Part[] } | null,
  filters: Filters,
  target: number,
  /** How many matches fill the first page (and one more). */
  firstPage: number,
  /** The estimated share of the services that match. */
  share: number,
): Promise<Pool | null> {
  // A service not read lies at least this many km per unit of plane distance away.
  const kmPerPlane = 111.195 * Math.min(1, Math.cos((place.latitude * Math.PI) / 180) / NEAREST_LON_SCALE);
  // Without words every match stays (some are read twice, at two of their locations).
  let limit = words
    ? Math.min(NEAREST_MAX, Math.max(target * 2, Math.min(target * NEAREST_READ_AHEAD, Math.round(NEAREST_FIRST_POINTS * share))))
    : Math.min(NEAREST_MAX, Math.ceil(target * 1.25));
  for (;;) {
    const p = new Params(tenantId);
    const km = kmSql(p, place);
    const origin = `point(${p.add(place.longitude * NEAREST_LON_SCALE)}::float8, ${p.add(place.latitude)}::float8)`;
    const { where, byTerm, rank, own } = matchSql(p, words, filters);
    // The filters are checked on the index entries of the points; only the services that pass
    // them are read, to check the words.
    const pointWhere = ['pt.tenant_id = $1', 'pt.public', ...filterSql(filters, p, 'pt')];
    const terms = [...new Set(words?.strong.flatMap((x) => x.terms) ?? [])];
    if (words) {
      const q = tsq(p, words.strong.map((x) => x.tsquery).join(' | '));
      pointWhere.push(`(s.search_vector @@ ${q}${terms.length ? ` or ${carries(p, terms, 'pt')}` : ''})`);
    }
    const n = p.add(limit);
    const { rows } = await ctx.sql.query<{
      id: string;
      km: number;
      by_term: boolean;
      rank: number;
      own: boolean;
      cut: boolean;
      plane: number | null;
    }>(
      `with near as (
         select pt.service_id, pt.position <-> ${origin} as plane, ${km('pt.latitude', 'pt.longitude')} as km
         from directory_search_points pt${words ? ' join directory_search_public s on s.id = pt.service_id' : ''}
         where ${pointWhere.join(' and ')}
         order by pt.position <-> ${origin}
         limit ${n}
       ), unplaced as (
         select sal.service_id, ${km('pa.latitude', 'pa.longitude')} as km
         from directory_locations l join postcode_areas pa on pa.pc4 = l.pc4
         join directory_service_at_locations sal on sal.tenant_id = $1 and sal.location_id = l.id
         join directory_search_public s on s.id = sal.service_id
         where l.tenant_id = $1 and (l.latitude is null or l.longitude is null) and ${where}
       ), found as (
         select f.service_id, min(f.km) as km
         from (select service_id, km from near union all select service_id, km from unplaced) f
         group by f.service_id
       )
       select s.id, f.km, ${byTerm} as by_term, ${rank} as rank, ${own} as own, e.cut, e.plane
       from found f join directory_search_public s on s.id = f.service_id,
         (select count(*) >= ${n} as cut, max(plane) as plane from near) e
       where ${[PUBLIC, ...filterSql(filters, p)].join(' and ')}
       order by f.km, s.id`,
      p.values,
    );
    // All matches were read, or those up to the radius where the order is sure.
    const cut = rows[0]?.cut ?? false;
    const radius = cut ? (rows[0]?.plane ?? 0) * kmPerPlane : Number.POSITIVE_INFINITY;
    // (A point not read can lie exactly at the radius: only those nearer are sure.)
    const sure = rows.filter((r) => r.km < radius).slice(0, MAX_RANKED);
    // A weak match is left out nearest first (DISTANCE_FLOOR), measured against the best of the
    // nearest matches that fill the first page (nearestFloorOf): the same for every page, so that
    // a strong match farther away does not change what earlier pages showed.
    const termRank = words ? TERM_MATCH / words.strong.length : 0;
    const floorOf = nearestFloorOf(sure, firstPage, termRank, !cut);
    if (!cut) {
      // Every match at a place was read; services without any place may match too (listed last).
      const all = await filteredPool(ctx, tenantId, place, words, filters, firstPage);
      return all ?? { ...poolOf(sure), complete: false, floorOf: floorOf ?? undefined };
    }
    // Count only the matches that stay (before the floor is known: against the best so far).
    const floor = (floorOf ?? Math.max(termRank, ...sure.filter((x) => x.own).map((x) => x.rank))) * DISTANCE_FLOOR;
    const kept = sure.filter((x) => x.rank >= floor).length;
    if (floorOf !== null && kept >= target) return { ...poolOf(sure), complete: false, floorOf };
    if (limit >= NEAREST_MAX) return null;
    // Read as many more as the share of matches that stayed so far says are needed (and a quarter more).
    limit = Math.min(NEAREST_MAX, Math.max(limit * 2, Math.ceil(((target * rows.length) / Math.max(kept, 1)) * 1.25)));
  }
}

/**
 * Nearest first: all matches with their distances (through directory_search_points, or the
 * postcode area of a location without coordinates; none last), when they are at most
 * MAX_FILTERED; null when there are more. The floor is that of nearestFloorOf. A service found
 * only through a term of the words ranks TERM_MATCH per word: when the floor, taken from the
 * matches through the words themselves, leaves such services out, they are not read.
 */
async function filteredPool(
  ctx: ServiceContext,
  tenantId: string,
  place: Place,
  words: { strong: Part[] } | null,
  filters: Filters,
  /** How many matches fill the first page (and one more). */
  firstPage: number,
): Promise<Pool | null> {
  const read = async (through: 'any' | 'words' | 'termsOnly', limit: number) => {
    const p = new Params(tenantId);
    const km = kmSql(p, place);
    const { where, byTerm, rank, own } = matchSql(p, words, filters, through);
    const { rows } = await ctx.sql.query<{ id: string; by_term: boolean; km: number | null; rank: number; own: boolean }>(
      `select s.id, ${byTerm} as by_term, ${rank} as rank, ${own} as own,
         least(
           (select min(${km('pt.latitude', 'pt.longitude')}) from directory_search_points pt where pt.service_id = s.id),
           (select min(${km('pa.latitude', 'pa.longitude')})
            from directory_service_at_locations sal join directory_locations l on l.id = sal.location_id
            join postcode_areas pa on pa.pc4 = l.pc4
            where sal.tenant_id = $1 and sal.service_id = s.id and (l.latitude is null or l.longitude is null))) as km
       from directory_search_public s
       where ${where}
       limit ${p.add(limit + 1)}`,
      p.values,
    );
    return rows.length > limit ? null : rows;
  };
  const nearestFirst = (a: { km: number | null; id: string }, b: { km: number | null; id: string }) =>
    (a.km ?? Number.POSITIVE_INFINITY) - (b.km ?? Number.POSITIVE_INFINITY) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const terms = words?.strong.some((x) => x.terms.length) ?? false;
  const termRank = words ? TERM_MATCH / words.strong.length : 0;
  let rows = await read(terms ? 'words' : 'any', MAX_FILTERED);
  if (!rows) return null;
  rows.sort(nearestFirst);
  // Matches through a term only do not set the floor: it is known before they are read.
  const floorOf = nearestFloorOf(rows, firstPage, termRank, true) ?? termRank;
  if (terms && floorOf * DISTANCE_FLOOR <= termRank) {
    const termsOnly = await read('termsOnly', MAX_FILTERED - rows.length);
    if (!termsOnly) return null;
    rows = [...rows, ...termsOnly];
  }
  return { ...poolOf(rows), complete: true, floorOf };
}

/**
 * Public search of one municipality's social map: published, active services only. Dutch and
 * English full-text search with word forms and prefixes, small typos through the vocabulary,
 * filters, distance to a place; each hit says why it matched. On a large map the work is
 * bounded: at most MAX_RANKED matches are ranked (the best kinds first, or the nearest), and
 * `moreThanTotal` says when there are more matches than `total`.
 */
export async function searchServices(ctx: ServiceContext, input: SearchInput): Promise<SearchResult> {
  const tenantId = ctx.tenantId;
  if (!tenantId) throw new Error('searchServices needs a municipality');
  const query = analyseQuery(input.text);
  const pageSize = Math.min(Math.max(input.pageSize ?? 20, 1), 100);
  const page = Math.min(Math.max(input.page ?? 1, 1), MAX_PAGE);
  const place = input.place ?? null;
  const sort: Sort =
    input.sort === 'distance' && !place ? 'relevance' : (input.sort ?? (place ? 'distance' : query.words.length ? 'relevance' : 'name'));
  const effectiveSort: Sort = sort === 'relevance' && query.words.length === 0 ? 'name' : sort;

  const terms = await profileTerms(ctx.sql);
  const idsOf = (codes: string[] | undefined, taxonomyUri: string) =>
    (codes ?? [])
      .map((c) => terms.get(c))
      .filter((t) => t !== undefined && t.taxonomyUri === taxonomyUri)
      .map((t) => t?.id as string);
  const filters: Filters = {
    formIds: idsOf(input.forms, PROFILE.supportForms.taxonomyUri),
    groupIds: idsOf(input.groups, PROFILE.targetGroups.taxonomyUri),
    free: input.free === true || input.free === false ? input.free : null,
    language: input.language || null,
  };
  const unknownFilters = [...(input.forms ?? []), ...(input.groups ?? [])].filter((c) => !terms.has(c));

  const parts = await queryParts(ctx, tenantId, query.words);
  const strong = parts.filter((x) => !x.weak);
  const tsquery = strong.map((x) => x.tsquery).join(' | ');
  // The search runs in memory-resident indexes: random reads cost little more than sequential ones.
  await ctx.sql.query('set local random_page_cost = 1.1');
  const words = tsquery ? { strong } : null;
  let pool: Pool | null = null;
  if (place && effectiveSort === 'distance') {
    // Few matches (rare words, or filters that leave few): rank them all with their distances,
    // rather than reading the nearest services of which few match. Many: they are soon found among
    // the nearest. With filters, PostgreSQL's estimate (from its statistics) decides.
    const filtered = filters.formIds.length || filters.groupIds.length || filters.language || filters.free !== null;
    // Without filters, the words' own counts (vocabulary) are the estimate.
    const estimate = filtered
      ? await estimatedMatches(ctx, tenantId, words, filters)
      : words
        ? {
            matches: strong.reduce((n, x) => n + x.df, 0),
            share: Math.min(
              1,
              strong.reduce((n, x) => n + x.share, 0),
            ),
          }
        : { matches: Number.POSITIVE_INFINITY, share: 1 };
    const few = estimate.matches <= FEW_MATCHES && (filtered || estimate.share < RARE_SHARE);
    const firstPage = Math.min(MAX_RANKED, pageSize + 1);
    pool = few ? await filteredPool(ctx, tenantId, place, words, filters, firstPage) : null;
    // Enough for the page asked for, and one more so that the next page is offered.
    pool ??= await nearestPool(ctx, tenantId, place, words, filters, Math.min(MAX_RANKED, page * pageSize + 1), firstPage, estimate.share);
  }
  pool ??= words ? await textPool(ctx, tenantId, strong, filters, MAX_RANKED) : await filterPool(ctx, tenantId, filters, MAX_RANKED);

  const p = new Params(tenantId);
  const rank = tsquery ? rankSql(tsq(p, tsquery), 'c.by_term', strong.length) : '0::real';
  // The full score (by rare words first) of the first RERANK, when ordered by relevance.
  let score: string | null = null;
  if (tsquery && effectiveSort === 'relevance') {
    score = parts
      .filter((x) => !STOPWORDS.has(x.word) || strong.length === 0 || x.weak === false)
      .map((x) => {
        const q = p.add(x.tsquery);
        const termMatch = x.terms.length ? ` + ${TERM_MATCH / x.terms.length} * (${carries(p, x.terms, 'x')})::int` : '';
        return `${x.idf.toFixed(4)} * (ts_rank(${WEIGHTS}, x.search_vector, to_tsquery('dutch', ${q}) || to_tsquery('english', ${q}))${termMatch})`;
      })
      .join(' + ');
  }
  // The distance of a match kept after the relevance floor (nearest first knows it already).
  let distance = 'null::float8';
  if (pool.km) distance = 'm.km';
  else if (place) {
    const lat = p.add(place.latitude);
    const lon = p.add(place.longitude);
    distance = `(select min(111.195 * sqrt(power(coalesce(l.latitude, pa.latitude) - ${lat}::float8, 2)
                   + power((coalesce(l.longitude, pa.longitude) - ${lon}::float8) * cos(radians(${lat}::float8)), 2)))
                 from directory_service_at_locations sal join directory_locations l on l.id = sal.location_id
                 left join postcode_areas pa on pa.pc4 = l.pc4
                 where sal.tenant_id = $1 and sal.service_id = m.id)`;
  }
  const order =
    effectiveSort === 'distance'
      ? 'distance_km asc nulls last, pos, lower(name), id'
      : effectiveSort === 'name'
        ? 'lower(name), id'
        : 'score desc, pos, distance_km asc nulls last, lower(name), id';
  const candidates = `unnest(${p.add(pool.ids)}::uuid[], ${p.add(pool.byTerm)}::bool[], ${p.add(pool.km ?? [])}::float8[]) as c(id, by_term, km)`;
  const floorOf = pool.floorOf === undefined ? '(select max(rank) from matches)' : `${p.add(pool.floorOf)}::float8`;
  // The offset is the last parameter (the count past the last page is asked again with 0).
  const limit = p.add(pageSize);
  const offset = p.add((page - 1) * pageSize);
  const sqlText = `with matches as (
       select s.id, s.name_key as name, ${rank} as rank, c.km
       from ${candidates} join directory_search_public s on s.id = c.id
       where ${PUBLIC}
     ), kept as (
       select m.*, row_number() over (order by m.rank desc, m.id) as pos
       from matches m
       where m.rank >= ${floorOf} * ${tsquery ? (effectiveSort === 'distance' ? DISTANCE_FLOOR : RELEVANCE_FLOOR) : 0}
     ), scored as (
       select m.id, m.name, ${distance} as distance_km, m.rank, m.pos,
         ${score ? `case when m.pos <= ${RERANK} then (select ${score} from directory_search_public x where x.id = m.id) else 0 end` : '0::real'} as score
       from kept m
     )
     select id, distance_km, count(*) over ()::int as total
     from scored
     order by ${order}
     limit ${limit} offset ${offset}`;
  const { rows } = pool.ids.length ? await ctx.sql.query<Row>(sqlText, p.values) : { rows: [] as Row[] };
  // Past the last page the rows are empty; the first page still tells the total.
  const total =
    rows[0]?.total ??
    (page > 1 && pool.ids.length ? ((await ctx.sql.query<Row>(sqlText, [...p.values.slice(0, -1), 0])).rows[0]?.total ?? 0) : 0);
  const items = rows.length ? await hits(ctx, rows, parts, place, input.now ?? new Date()) : [];
  const lastPage = Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / pageSize)));
  return {
    items,
    total,
    moreThanTotal: !pool.complete,
    lastPage,
    narrowDown: !pool.complete || total > lastPage * pageSize,
    page,
    pageSize,
    sort: effectiveSort,
    query,
    corrections: parts.filter((x) => x.similar.length).map((x) => ({ word: x.word, similar: x.similar })),
    unknownFilters,
  };
}

type DetailRow = {
  id: string;
  name: string;
  organization_name: string;
  description: string | null;
  url: string | null;
  email: string | null;
  is_free: boolean | null;
  assured_date: string | null;
  phones: { number: string }[];
  schedules: Schedule[];
  terms: ServiceTerm[];
  addresses: { address1: string; postalCode: string; city: string; latitude: number | null; longitude: number | null }[];
  reasons: { word: string; in_name: boolean; anywhere: boolean }[] | null;
};

/** Everything a result shows, for one page of ids, in one query. */
async function hits(ctx: ServiceContext, rows: Row[], parts: Part[], place: Place | null, now: Date): Promise<SearchHit[]> {
  const ids = rows.map((r) => r.id);
  // A named (prepared) statement: its text never changes, and planning it (subqueries under
  // row-level security) costs about 3 ms, as much as running it for a page of results.
  const { rows: details } = await ctx.sql.query<DetailRow>({
    name: 'directory-search-hits',
    text: `with w as materialized (
       select x.word, x.ord, to_tsquery('dutch', x.tq) || to_tsquery('english', x.tq) as q
       from unnest($2::text[], $3::text[]) with ordinality as x(word, tq, ord)
     )
     select s.id, s.name, o.name as organization_name, s.description, s.url, coalesce(s.email, o.email) as email, s.is_free, s.assured_date,
       ${PHONES_JSON} as phones, ${SCHEDULES_JSON} as schedules, ${TERMS_JSON} as terms,
       coalesce((select json_agg(json_build_object('address1', ad.address_1, 'postalCode', ad.postal_code, 'city', ad.city,
           'latitude', coalesce(l.latitude, pa.latitude), 'longitude', coalesce(l.longitude, pa.longitude)) order by l.name)
         from directory_service_at_locations sal join directory_locations l on l.id = sal.location_id
         join directory_addresses ad on ad.tenant_id = s.tenant_id and ad.location_id = l.id left join postcode_areas pa on pa.pc4 = l.pc4
         where sal.tenant_id = s.tenant_id and sal.service_id = s.id), '[]') as addresses,
       (select json_agg(json_build_object('word', w.word,
           'in_name', ts_filter(e.search_vector, '{a}') @@ w.q,
           'anywhere', e.search_vector @@ w.q) order by w.ord)
         from w) as reasons
     from directory_services s join directory_organizations o on o.id = s.organization_id
     join directory_search_public e on e.id = s.id
     where s.id = any($1::uuid[])`,
    values: [ids, parts.map((x) => x.word), parts.map((x) => x.tsquery)],
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  const similarOf = new Map(parts.map((x) => [x.word, x.similar]));
  const translationOf = new Map(parts.map((x) => [x.word, x.translation]));
  // The terms each word found (queryParts): a service carrying one matched through it.
  const termsOf = new Map(parts.map((x) => [x.word, new Set(x.terms)]));
  return rows.flatMap((r) => {
    const d = byId.get(r.id);
    if (!d) return [];
    const reasons: MatchReason[] = [];
    for (const x of d.reasons ?? []) {
      const found = termsOf.get(x.word);
      const term = d.terms.filter((t) => found?.has(t.id)).sort((a, b) => a.name.localeCompare(b.name))[0];
      if (!x.anywhere && !term) continue;
      const near = similarOf.get(x.word) ?? [];
      const translation = translationOf.get(x.word);
      if (translation) reasons.push({ kind: 'translation', word: x.word, translation });
      else if (near.length) reasons.push({ kind: 'similar', word: x.word, similar: near[0] as string });
      else if (x.in_name) reasons.push({ kind: 'name', word: x.word });
      else if (term) reasons.push({ kind: 'term', word: x.word, term: term.name, termEn: term.nameEn });
      else reasons.push({ kind: 'text', word: x.word });
    }
    const nearest = nearestAddress(d.addresses, place);
    return [
      {
        id: d.id,
        name: d.name,
        organizationName: d.organization_name,
        description: d.description,
        url: d.url,
        email: d.email,
        phone: d.phones[0]?.number ?? null,
        isFree: d.is_free,
        assuredDate: d.assured_date,
        checkWarning: olderThanMonths(d.assured_date, WARN_AFTER_MONTHS, now),
        openNow: isOpenNow(d.schedules, now),
        distanceKm: r.distance_km === null ? null : Math.round(r.distance_km * 10) / 10,
        address: nearest,
        terms: d.terms,
        reasons,
      },
    ];
  });
}

function nearestAddress(addresses: DetailRow['addresses'], place: Place | null) {
  const far = (a: DetailRow['addresses'][number]) =>
    place && a.latitude !== null && a.longitude !== null ? distanceKm(place, { latitude: a.latitude, longitude: a.longitude }) : 0;
  const a = [...addresses].sort((x, y) => far(x) - far(y))[0];
  return a ? { address1: a.address1, postalCode: a.postalCode, city: a.city } : null;
}

/** For browsing without words: how many public services each form of support has. */
export async function countByForm(ctx: ServiceContext): Promise<{ code: string; name: string; nameEn: string; n: number }[]> {
  const { rows } = await ctx.sql.query<{ code: string; name: string; nameEn: string; n: number }>(
    `select t.code, t.name, coalesce(t.name_en, t.name) as "nameEn",
       (select count(*)::int from directory_attributes a join directory_services s on s.id = a.link_id
        where a.tenant_id = $1 and a.link_type = 'service' and a.taxonomy_term_id = t.id
          and s.review_status = 'published' and s.status = 'active') as n
     from taxonomy_terms t join taxonomies tx on tx.id = t.taxonomy_id
     where tx.uri = $2`,
    [ctx.tenantId, PROFILE.supportForms.taxonomyUri],
  );
  const order = new Map<string, number>(Object.values(PROFILE.supportForms).map((c, i) => [c, i]));
  return rows.sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99));
}
