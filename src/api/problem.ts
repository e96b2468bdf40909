import type { FastifyError, FastifyReply } from 'fastify';
import { ForbiddenError, MemoryAccessDenied, NotFoundError, UserError } from '../core/errors.js';

/** One wrong field of a request: where it is (`body.when`), what is wrong, and how to fix it. */
export interface FieldProblem {
  field: string;
  message: string;
  fix?: string;
}

/**
 * An RFC 9457 problem detail. `type` is a stable relative URI per class of problem, so a
 * client can branch on it; `detail` is for people and says what to do.
 */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  /** The machine code of a refusal from the scheduler or parser (`schedule.invalid`). */
  code?: string;
  /** An input that would have worked. */
  example?: string;
  errors?: FieldProblem[];
  /** A 412 on a job: the job as it is now (what the client's If-Match did not match). */
  job?: Record<string, unknown>;
}

/** Thrown by handlers and hooks; rendered as `application/problem+json`. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    detail: string,
    readonly extra: Partial<Pick<ProblemBody, 'code' | 'example' | 'errors' | 'job'>> & { headers?: Record<string, string> } = {},
  ) {
    super(detail);
  }
}

export const PROBLEM_TYPE_PREFIX = '/problems/';

/** The problem a request failing validation gets: every bad field listed. */
export function validationProblem(errors: FieldProblem[]): ApiProblem {
  const detail = errors.map((e) => `${e.field}: ${e.message}${e.fix ? ` (${e.fix})` : ''}`).join('; ');
  return new ApiProblem(400, 'validation', 'Invalid request', detail, { errors });
}

/** Fastify's own request errors (body, content type), as problems a client can act on. */
function fromFastify(err: FastifyError): ApiProblem | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiProblem(
        400,
        'bad-json',
        'Malformed JSON',
        `The request body is not valid JSON: ${err.message}. Send a JSON object, e.g. {"when":"every day at 9am","text":"stand-up"}.`,
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiProblem(
        413,
        'body-too-large',
        'Request body too large',
        'The request body is larger than this server accepts (CHIME_API_BODY_LIMIT). Send a smaller body.',
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiProblem(
        415,
        'unsupported-media-type',
        'Unsupported media type',
        'Send the body as JSON with Content-Type: application/json.',
      );
    default:
      if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
        return new ApiProblem(err.statusCode, 'bad-request', 'Bad request', err.message);
      }
      return undefined;
  }
}

/** Any error as a problem: refusals keep their message, anything else is a 500 that says nothing inside. */
export function toProblem(err: unknown): { problem: ApiProblem; internal: boolean } {
  if (err instanceof ApiProblem) return { problem: err, internal: false };
  if (err instanceof NotFoundError)
    return { problem: new ApiProblem(404, 'not-found', 'Not found', err.message, { code: err.code }), internal: false };
  if (err instanceof MemoryAccessDenied) {
    // The notes store refused (its one access rule); say which setting decides it.
    const allows = err.operation === 'read' ? 'read or readwrite' : 'readwrite';
    const detail = `This server does not let API callers ${err.operation} people's notes. Fix: set CHIME_API_MEMORY=${allows} (default none) and restart Chime.`;
    return { problem: new ApiProblem(403, 'memory-denied', 'Notes not available to the API', detail), internal: false };
  }
  if (err instanceof ForbiddenError)
    return { problem: new ApiProblem(403, 'forbidden', 'Forbidden', err.message, { code: err.code }), internal: false };
  if (err instanceof UserError) {
    const extra = err.example !== undefined ? { code: err.code, example: err.example } : { code: err.code };
    return { problem: new ApiProblem(422, 'refused', 'Request refused', err.message, extra), internal: false };
  }
  const fastify = err && typeof err === 'object' && 'code' in err ? fromFastify(err as FastifyError) : undefined;
  if (fastify) return { problem: fastify, internal: false };
  return {
    problem: new ApiProblem(500, 'internal', 'Internal error', 'Something went wrong inside Chime; the server log has the details.'),
    internal: true,
  };
}

/** Writes `problem` as the reply (RFC 9457 media type). */
export function sendProblem(reply: FastifyReply, problem: ApiProblem, instance: string): FastifyReply {
  const { headers, ...extra } = problem.extra;
  const body: ProblemBody = {
    type: `${PROBLEM_TYPE_PREFIX}${problem.kind}`,
    title: problem.title,
    status: problem.status,
    detail: problem.message,
    instance,
    ...extra,
  };
  if (headers) void reply.headers(headers);
  return reply.code(problem.status).type('application/problem+json').send(body);
}
