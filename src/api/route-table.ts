import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { runWithContext } from '../core/runtime-context.js';
import { apiContext } from './api-context.js';
import type { Authenticated } from './auth/authenticate.js';
import { type ApiProblem, type FieldProblem, validationProblem } from './problem.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a handler receives: the request's parts already validated and typed by the route's schemas. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  auth: Authenticated;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A response the route documents. */
export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** A body that is not JSON (the Prometheus text format), documented as a string of this type. */
  contentType?: string;
}

/**
 * One route, declared once: its schemas validate the request and describe it in the OpenAPI
 * document, so the two cannot drift apart.
 */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Fastify path syntax (`/api/v1/jobs/:id`). */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ResponseDoc>;
  /** Status sent when the handler returns a value. Default 200. */
  status?: number;
  handler(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

/**
 * A route served without authentication (health, login, the OpenAPI document): its handler
 * gets no caller, and runs outside any API actor's context.
 */
export type PublicRouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = Omit<RouteSpec<P, Q, B>, 'handler'> & {
  handler(input: Omit<RouteInput<z.output<P>, z.output<Q>, z.output<B>>, 'auth'>): Promise<unknown>;
};

type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType> & { public?: boolean };

const jsonSchema = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

/** Zod issues as field problems: `body.origin.chatId`, the message, and the fix when the schema gave one. */
function fieldProblems(where: string, error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = [where, ...issue.path.map(String)].join('.');
    const [message, fix] = issue.message.split(' | Fix: ');
    return fix !== undefined ? { field, message: message ?? issue.message, fix } : { field, message: message ?? issue.message };
  });
}

/** A failed zod parse of one part of the request as the 400 problem every route gives. */
export function zodProblem(where: string, error: z.ZodError): ApiProblem {
  return validationProblem(fieldProblems(where, error));
}

function validate<S extends z.ZodType>(
  schema: S | undefined,
  value: unknown,
  where: string,
  problems: FieldProblem[],
): z.output<S> | undefined {
  if (!schema) return undefined;
  if (where === 'body' && (value === undefined || value === null)) {
    // zod would say "expected object, received undefined": say what to send instead.
    problems.push({
      field: 'body',
      message: 'is missing: this route takes a JSON object',
      fix: 'see its requestBody in GET /api/openapi.json',
    });
    return undefined;
  }
  const result = schema.safeParse(value ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  problems.push(...fieldProblems(where, result.error));
  return undefined;
}

/**
 * Registers routes on a Fastify instance and remembers them for the OpenAPI document. Every
 * handler runs as the request's API actor (runtime context), so whatever it calls into sees
 * entity type `API` and the token's name.
 */
export class RouteTable {
  private readonly specs: AnySpec[] = [];

  constructor(private readonly app: FastifyInstance) {}

  add<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
    spec: RouteSpec<P, Q, B>,
  ): void {
    this.register(spec as unknown as AnySpec, false);
  }

  /** A route without authentication, validated and documented the same way (`security: []`). */
  addPublic<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
    spec: PublicRouteSpec<P, Q, B>,
  ): void {
    this.register({ ...(spec as unknown as AnySpec), public: true }, true);
  }

  private register(spec: AnySpec, isPublic: boolean): void {
    this.specs.push(spec);
    this.app.route({
      method: spec.method,
      url: spec.url,
      config: { public: isPublic },
      handler: async (request, reply) => {
        const problems: FieldProblem[] = [];
        const params = validate(spec.params, request.params, 'path', problems);
        const query = validate(spec.query, request.query, 'query', problems);
        const body = validate(spec.body, request.body, 'body', problems);
        if (problems.length > 0) throw validationProblem(problems);
        let result: unknown;
        if (isPublic) result = await spec.handler({ params, query, body, request, reply } as RouteInput<unknown, unknown, unknown>);
        else {
          const auth = request.auth;
          if (!auth) throw new Error(`route ${spec.url} reached without authentication`);
          result = await runWithContext(apiContext(auth), () => spec.handler({ params, query, body, auth, request, reply }));
        }
        if (reply.sent) return reply;
        return reply.code(spec.status ?? 200).send(result);
      },
    });
  }

  /** The OpenAPI 3.1 document of every route added (JSON Schema 2020-12, as 3.1 uses). */
  document(
    info: { title: string; version: string; description: string },
    extraPaths: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const spec of this.specs) {
      const path = spec.url.replace(/:(\w+)/g, '{$1}');
      const parameters = [...this.parameters(spec.params, 'path'), ...this.parameters(spec.query, 'query')];
      const responses = Object.fromEntries(
        Object.entries(spec.responses).map(([status, doc]) => [
          status,
          {
            description: doc.description,
            ...(doc.schema
              ? {
                  content: {
                    [Number(status) >= 400 ? 'application/problem+json' : 'application/json']: { schema: jsonSchema(doc.schema) },
                  },
                }
              : doc.contentType
                ? { content: { [doc.contentType]: { schema: { type: 'string' } } } }
                : {}),
          },
        ]),
      );
      const operations = paths[path] ?? {};
      paths[path] = operations;
      operations[spec.method.toLowerCase()] = {
        operationId: spec.operationId,
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        tags: spec.tags,
        ...(spec.public ? { security: [] } : {}),
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } } } : {}),
        responses,
      };
    }
    return {
      openapi: '3.1.0',
      info,
      jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'CHIME_API_TOKEN (full) or CHIME_API_READONLY_TOKEN (GET only).' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'chime_session',
            description: 'Dashboard session; mutating requests also send X-CSRF-Token.',
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
      paths: mergePaths(paths, extraPaths),
    };
  }

  private parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Array<Record<string, unknown>> {
    if (!schema) return [];
    const s = jsonSchema(schema) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    return Object.entries(s.properties ?? {}).map(([name, prop]) => {
      const { description, ...rest } = prop;
      return {
        name,
        in: where,
        required: where === 'path' || (s.required ?? []).includes(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      };
    });
  }
}

/** Adds hand-described operations to the generated paths, keeping both where a path has both. */
function mergePaths(generated: Record<string, Record<string, unknown>>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...generated };
  for (const [path, ops] of Object.entries(extra)) out[path] = { ...(generated[path] ?? {}), ...(ops as Record<string, unknown>) };
  return out;
}
