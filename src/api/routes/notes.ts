import { z } from 'zod';
import type { NotesStore } from '../../core/ports/notes-store.js';
import { problemDoc } from '../job-schemas.js';
import { ApiProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';

/**
 * A person's notes (what `/remember` keeps), by platform and user id. Whether an API caller may
 * read or change them is `CHIME_API_MEMORY` (none, read, readwrite), and the notes store itself
 * decides it from the caller's runtime context (entity type API), as it does for a scheduled
 * run: these routes add no rule of their own, they only say what was refused.
 */
const person = z.object({
  platform: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'is not a platform | Fix: e.g. telegram, discord, console'),
  userId: z.string().min(1).max(128).describe("The person's user id on that platform."),
});
const noteNumber = person.extend({
  n: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1 | Fix: notes are numbered from 1, as GET lists them'),
});
const addBody = z
  .object({ text: z.string().trim().min(1, 'is empty | Fix: say what to remember').max(4000, 'is longer than 4000 characters') })
  .strict();

const notesDoc = z.object({ notes: z.array(z.object({ n: z.number(), text: z.string(), createdAt: z.string() })) });
const denied = { description: 'CHIME_API_MEMORY does not allow this (none by default)', schema: problemDoc };

export function registerNoteRoutes(routes: RouteTable, notes: NotesStore): void {
  const tags = ['notes'];
  routes.add({
    method: 'GET',
    url: '/api/v1/notes/:platform/:userId',
    operationId: 'listNotes',
    summary: "A person's notes, oldest first (CHIME_API_MEMORY=read or readwrite)",
    tags,
    params: person,
    responses: { 200: { description: 'The notes, numbered as /recall shows them', schema: notesDoc }, 403: denied },
    handler: async ({ params }) => ({
      notes: (await notes.list(params.platform, params.userId)).map((note, i) => ({
        n: i + 1,
        text: note.text,
        createdAt: note.createdAt.toISOString(),
      })),
    }),
  });
  routes.add({
    method: 'POST',
    url: '/api/v1/notes/:platform/:userId',
    operationId: 'addNote',
    summary: 'Adds a note for a person (CHIME_API_MEMORY=readwrite)',
    tags,
    params: person,
    body: addBody,
    status: 201,
    responses: {
      201: { description: 'Added, with its number', schema: z.object({ n: z.number() }) },
      400: { description: 'Invalid request', schema: problemDoc },
      403: denied,
    },
    handler: async ({ params, body }) => ({ n: await notes.add(params.platform, params.userId, body.text) }),
  });
  routes.add({
    method: 'DELETE',
    url: '/api/v1/notes/:platform/:userId/:n',
    operationId: 'deleteNote',
    summary: 'Deletes note number n (as GET lists them) (CHIME_API_MEMORY=readwrite)',
    tags,
    params: noteNumber,
    status: 204,
    responses: {
      204: { description: 'Deleted' },
      403: denied,
      404: { description: 'No note with that number', schema: problemDoc },
    },
    handler: async ({ params, reply }) => {
      if (!(await notes.remove(params.platform, params.userId, params.n))) {
        throw new ApiProblem(404, 'not-found', 'Not found', `${params.platform}:${params.userId} has no note number ${params.n}.`);
      }
      return reply.code(204).send();
    },
  });
}
