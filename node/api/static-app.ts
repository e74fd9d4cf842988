// The built web app (web/dist, `npm run build:web`) served by the node's webserver: `/` is its
// index.html, every other file at its own path. The files are read once, when the API starts,
// and only when the folder has an index.html; each one is a route of its own, so a path the
// build does not have still gets the API's 404, and nothing under /v1 is ever served from here.
// Vite names what it builds under assets/ after its content: those are cached for a year
// (immutable); the rest (index.html) is revalidated with its ETag on every load.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build:web` writes the app: the package's web/dist. */
export const DEFAULT_APP_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.wasm']);
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
/** More than this in one folder tree is not a web app build: refuse rather than load it all. */
const MAX_FILES = 2000;

export type StaticFile = {
  body: Buffer;
  /** The gzip encoding, when it is smaller. */
  gzip?: Buffer;
  contentType: string;
  cacheControl: string;
  etag: string;
};

/** URL path -> file, for every file of the build; null when `dir` has no index.html. */
export async function loadStaticApp(dir: string): Promise<Map<string, StaticFile> | null> {
  const index = await stat(join(dir, 'index.html')).catch(() => null);
  if (!index?.isFile()) return null;
  const files = new Map<string, StaticFile>();
  for (const path of await listFiles(dir)) {
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    if (urlPath === '/v1' || urlPath.startsWith('/v1/')) continue; // the API's, always
    const ext = extname(path).toLowerCase();
    const body = await readFile(path);
    const gzip = COMPRESSIBLE.has(ext) && body.length > 512 ? gzipSync(body, { level: 9 }) : null;
    files.set(urlPath, {
      body,
      ...(gzip && gzip.length < body.length && { gzip }),
      contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      cacheControl: urlPath.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    });
  }
  const indexFile = files.get('/index.html');
  if (indexFile) files.set('/', indexFile);
  return files;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  if (files.length > MAX_FILES)
    throw new RangeError(`${dir} has more than ${MAX_FILES} files: not a web app build`);
  return files;
}

/** A JSON document served like the build's files (revalidated by its ETag). */
export function jsonFile(value: unknown): StaticFile {
  const body = Buffer.from(JSON.stringify(value));
  return {
    body,
    contentType: 'application/json; charset=utf-8',
    cacheControl: REVALIDATE,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

/** One GET (and HEAD) route per file. */
export function registerStaticApp(app: FastifyInstance, files: Map<string, StaticFile>): void {
  for (const [urlPath, file] of files)
    app.get(urlPath, (request, reply) => sendFile(request, reply, file));
}

function sendFile(request: FastifyRequest, reply: FastifyReply, file: StaticFile) {
  reply
    .header('content-type', file.contentType)
    .header('cache-control', file.cacheControl)
    .header('etag', file.etag)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
  if (file.gzip) reply.header('vary', 'accept-encoding');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === file.etag))
    return reply.code(304).send();
  const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  if (file.gzip && acceptsGzip) return reply.header('content-encoding', 'gzip').send(file.gzip);
  return reply.send(file.body);
}
