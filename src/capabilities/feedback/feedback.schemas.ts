import { z } from 'zod';

export const FEEDBACK_TOPICS = ['question', 'problem', 'accessibility', 'idea'] as const;
export type FeedbackTopic = (typeof FEEDBACK_TOPICS)[number];

/** What the form sends; every field is text, so a re-render can show exactly what was typed. */
export const feedbackFormSchema = z.object({
  topic: z.enum(FEEDBACK_TOPICS),
  message: z.string().trim().min(10).max(4000),
  email: z.union([z.literal(''), z.email().max(254)]),
  page: z.string().max(500).optional(),
});

export type FeedbackInput = z.infer<typeof feedbackFormSchema>;
export type FeedbackValues = { topic: string; message: string; email: string; page: string };
export type StoredFeedback = { id: string; topic: FeedbackTopic; createdAt: Date };
