// A solo validator with its API on 127.0.0.1 (real LevelDB in a temp dir, real HTTP), a small
// community on the energy genesis, and a client that checks every answer against the OpenAPI
// document the node serves.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ApiSettings } from '../../../../node/api/index.ts';
import { createNode, type PvchainNode } from '../../../../node/node.ts';
import { soloNodeConfig, testGenesis } from '../../../support/community.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are checked against the document's schemas
export type Answer = { status: number; body: any; headers: Headers };

export type ApiHarness = Awaited<ReturnType<typeof startApiNode>>;

type OpenApiDoc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};

/** Starts a solo node with the API; `stop` removes its data dir. */
export async function startApiNode(
  api: ApiSettings = {},
  options: { blockIntervalMs?: number } = {},
) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pvchain-api-'));
  const node: PvchainNode = await createNode({
    ...soloNodeConfig(dataDir, {
      blockIntervalMs: options.blockIntervalMs ?? 50,
      verifyWorkers: 0,
    }),
    genesis: testGenesis('sha256', { energy: true }),
    api: { port: 0, ...api, limits: { rateLimit: { max: 100_000 }, ...api.limits } },
  });
  await node.start();
  const url = node.api?.url() as string;
  const doc = (await (await fetch(`${url}/v1/openapi.json`)).json()) as OpenApiDoc;
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  ajv.addSchema({ $id: 'openapi.json', ...doc, $schema: undefined } as object);
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const checked = new Set<string>();

  /** Validates `answer` against the document's schema for the route, method and status. */
  function validate(method: string, template: string, answer: Answer): void {
    const operation = doc.paths[template]?.[method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is in the OpenAPI document`);
    const status = String(answer.status);
    const response = operation.responses[status] ?? operation.responses[`${status[0]}XX`];
    assert.ok(response, `${method} ${template} documents status ${status}`);
    const pointer = `openapi.json#/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}/${method.toLowerCase()}/responses/${operation.responses[status] ? status : `${status[0]}XX`}/content/application~1json/schema`;
    let check = validators.get(pointer);
    if (!check) {
      check = ajv.compile({ $ref: pointer });
      validators.set(pointer, check);
    }
    assert.ok(
      check(answer.body),
      `${method} ${template} ${status}: ${ajv.errorsText(check.errors)}\n${JSON.stringify(answer.body).slice(0, 2000)}`,
    );
    checked.add(`${method.toUpperCase()} ${template}`);
  }

  async function call(
    method: string,
    template: string,
    path: string,
    init: RequestInit = {},
  ): Promise<Answer> {
    const response = await fetch(`${url}${path}`, { method, ...init });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    const answer = { status: response.status, body, headers: response.headers };
    validate(method, template, answer);
    return answer;
  }

  return {
    node,
    url,
    doc,
    checked,
    validate,
    /** GET `path` (the route `template` in the document's form, e.g. /v1/accounts/{address}). */
    get: (template: string, path = template) => call('GET', template, path),
    post: (template: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      call('POST', template, path, {
        body:
          typeof body === 'string'
            ? body
            : body instanceof Uint8Array
              ? new Blob([new Uint8Array(body)])
              : JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      }),
    async stop(): Promise<void> {
      await node.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
