// The WebSocket protocol's client messages (docs/api.md, "WebSocket"): validated with zod after
// the size check the socket makes; anything else is answered with an error message.
import { z } from 'zod';
import { ApiError, ApiErrorCode } from './api-error.ts';

const Id = z.union([z.string().max(64), z.number().int()]).optional();

const Subscribe = z.discriminatedUnion('topic', [
  z.object({ id: Id, op: z.literal('subscribe'), topic: z.literal('headers') }).strict(),
  z
    .object({
      id: Id,
      op: z.literal('subscribe'),
      topic: z.literal('transaction'),
      hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters'),
    })
    .strict(),
  z
    .object({
      id: Id,
      op: z.literal('subscribe'),
      topic: z.literal('accounts'),
      addresses: z.array(z.string()).min(1),
    })
    .strict(),
]);
const Unsubscribe = z
  .object({ id: Id, op: z.literal('unsubscribe'), subscription: z.string().max(64) })
  .strict();
const Ping = z.object({ id: Id, op: z.literal('ping') }).strict();

const BY_OP = { subscribe: Subscribe, unsubscribe: Unsubscribe, ping: Ping } as const;

export const ClientMessage = z.union([Subscribe, Unsubscribe, Ping]);

export type ClientMessage = z.output<typeof ClientMessage>;

/** Parses one text frame; throws ApiError with the code to answer. */
export function parseClientMessage(text: string): ClientMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ApiError(ApiErrorCode.MALFORMED_BODY, 'a message must be one JSON object');
  }
  const op = (json as { op?: unknown } | null)?.op;
  const schema =
    typeof op === 'string' && Object.hasOwn(BY_OP, op) ? BY_OP[op as keyof typeof BY_OP] : null;
  if (!schema)
    throw new ApiError(
      ApiErrorCode.INVALID_PARAMETER,
      "op: expected 'subscribe', 'unsubscribe' or 'ping'",
    );
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ApiError(
      ApiErrorCode.INVALID_PARAMETER,
      `${where}${issue?.message ?? 'invalid message'}`,
    );
  }
  return parsed.data;
}

/** The id a client gave its message, if one can be read, for the error answer. */
export function idOf(text: string): string | number | null {
  try {
    const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
    return (typeof id === 'string' && id.length <= 64) || Number.isSafeInteger(id)
      ? (id as string | number)
      : null;
  } catch {
    return null;
  }
}
