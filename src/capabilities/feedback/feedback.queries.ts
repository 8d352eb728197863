import type { Sql } from '../../platform/db/database.ts';
import type { FeedbackTopic, StoredFeedback } from './feedback.schemas.ts';

export async function insertFeedback(
  sql: Sql,
  row: { topic: FeedbackTopic; message: string; email: string | null; page: string | null; locale: string },
): Promise<StoredFeedback> {
  const result = await sql.query<StoredFeedback>(
    `insert into feedback (topic, message, email, page, locale) values ($1, $2, $3, $4, $5)
     returning id, topic, created_at as "createdAt"`,
    [row.topic, row.message, row.email, row.page, row.locale],
  );
  return result.rows[0] as StoredFeedback;
}

export async function deleteFeedbackBefore(sql: Sql, before: Date): Promise<number> {
  const result = await sql.query('delete from feedback where created_at < $1', [before]);
  return result.rowCount ?? 0;
}

export async function listFeedback(sql: Sql, limit: number): Promise<(StoredFeedback & { message: string; email: string | null })[]> {
  const result = await sql.query<StoredFeedback & { message: string; email: string | null }>(
    `select id, topic, message, email, created_at as "createdAt" from feedback order by created_at desc limit $1`,
    [limit],
  );
  return result.rows;
}
