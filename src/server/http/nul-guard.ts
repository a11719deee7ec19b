// PostgreSQL text cannot hold U+0000. A NUL anywhere in a request's body, query string or path is
// refused here as a 400 naming the field, instead of failing later in a query as a 500.
import type { FastifyInstance } from 'fastify';
import { messageFor } from '../../domain/messages.ts';
import { languageOf, problem, sendProblem } from './problem.ts';

/** JSON Pointers of the strings below `at` that hold a NUL (binary bodies are left to their parser). */
function nulPointers(value: unknown, at: string, found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(at);
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) nulPointers(item, `${at}/${index}`, found);
  } else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    for (const [key, item] of Object.entries(value))
      nulPointers(item, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, found);
  }
  return found;
}

export function installNulGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request, reply) => {
    const pointers = [
      ...nulPointers(request.body, ''),
      ...nulPointers(request.query, '/querystring'),
      ...nulPointers(request.params, '/params'),
    ];
    if (pointers.length === 0) return;
    const lang = languageOf(request);
    return sendProblem(
      reply,
      problem(400, 'validation.failed', lang, {
        instance: request.url.split('?')[0],
        errors: pointers.map((pointer) => ({
          pointer,
          code: 'text.nul',
          message: messageFor('text.nul', lang),
        })),
      }),
    );
  });
}
