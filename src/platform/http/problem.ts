import { z } from 'zod';

/** RFC 9457 problem details, with the invalid fields listed at once (NL API Design Rules). */
export const invalidParamSchema = z
  .object({
    name: z.string().describe('The query key, path part or body field that is not valid.'),
    code: z.string().describe('A stable machine-readable reason, such as "required" or "too_long".'),
    reason: z.string().describe('What is wrong, in words.'),
  })
  .meta({ id: 'InvalidParam' });

export const problemSchema = z
  .object({
    type: z.string().optional().describe('A URI that identifies the kind of problem.'),
    title: z.string().describe('A short summary of the kind of problem.'),
    status: z.number().int().describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong in this case.'),
    instance: z.string().optional().describe('The path of the request that failed.'),
    invalidParams: z.array(invalidParamSchema).optional().describe('On a 400: every invalid field, all at once.'),
  })
  .meta({
    id: 'Problem',
    description:
      'RFC 9457 problem details. A 400 answer also carries the extension member `invalidParams`: one InvalidParam per invalid field.',
  });

export type InvalidParam = z.infer<typeof invalidParamSchema>;
export type Problem = z.infer<typeof problemSchema>;

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: 'about:blank', title: titles[status] ?? 'Error', status, detail, ...extra };
}

/** Thrown by services and routes; turned into problem+json on the API and a friendly page elsewhere. */
export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(status: number, detail: string, extra: Partial<Problem> = {}) {
    super(detail);
    this.problem = problem(status, detail, extra);
  }
  get status(): number {
    return this.problem.status;
  }
}

export function invalidParamsFromZod(error: z.ZodError, location?: string): InvalidParam[] {
  return error.issues.map((issue) => ({
    name: [location, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    code: issue.code,
    reason: issue.message,
  }));
}
