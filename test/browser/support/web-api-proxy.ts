// Node side of the web app's browser tests: /__api/<path> forwarded to validator 0's HTTP API of
// the light client tests' network, so the app's fetches are same-origin (as when the node serves
// the app) and the nodes need no CORS settings.
import { lightNetworkApiUrl } from './light-network-server.ts';

type Ctx = {
  method: string;
  url: string;
  req: AsyncIterable<Buffer> & { headers: Record<string, string | string[] | undefined> };
  status: number;
  body: unknown;
  set(name: string, value: string): void;
};

const PREFIX = '/__api';
const MAX_BODY_BYTES = 4 << 20;

async function readBody(ctx: Ctx): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function webApiProxy(ctx: Ctx, next: () => Promise<unknown>) {
  if (!ctx.url.startsWith(`${PREFIX}/`)) return next();
  const target = `${await lightNetworkApiUrl(0)}${ctx.url.slice(PREFIX.length)}`;
  const hasBody = ctx.method !== 'GET' && ctx.method !== 'HEAD';
  const contentType = ctx.req.headers['content-type'];
  const answer = await fetch(target, {
    method: ctx.method,
    ...(hasBody && { body: new Uint8Array(await readBody(ctx)) }),
    headers: typeof contentType === 'string' ? { 'content-type': contentType } : {},
  });
  ctx.status = answer.status;
  ctx.set('content-type', answer.headers.get('content-type') ?? 'application/json');
  ctx.body = Buffer.from(await answer.arrayBuffer());
}
