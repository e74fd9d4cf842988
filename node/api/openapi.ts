// The OpenAPI 3.1 document the node serves at /v1/openapi.json, generated from the routes and
// their zod schemas, so that what is documented is what is served (the tests check each answer
// against this document).
import { z } from 'zod';
import type { ApiLimits, RouteSpec } from './api-context.ts';
import { ApiErrorCode } from './api-error.ts';
import { apiSchemas, ErrorBody } from './schemas.ts';

const COMMON_ERRORS = [
  ApiErrorCode.INVALID_PARAMETER,
  ApiErrorCode.RATE_LIMITED,
  ApiErrorCode.BAD_REQUEST,
  ApiErrorCode.INTERNAL,
];

type JsonSchema = Record<string, unknown>;

const ref = (id: string): JsonSchema => ({ $ref: `#/components/schemas/${id}` });

function schemaOf(schema: z.ZodType): JsonSchema {
  const id = apiSchemas.get(schema)?.id;
  if (id) return ref(id);
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: schemaOf(ErrorBody) } },
});

function operation(route: RouteSpec) {
  const parameters = [
    ...Object.entries(route.params ?? {}).map(([name, p]) => ({
      name,
      in: 'path',
      required: true,
      description: p.description,
      schema: schemaOf(p.schema),
    })),
    ...Object.entries(route.query ?? {}).map(([name, p]) => ({
      name,
      in: 'query',
      required: false,
      description: p.description,
      schema: schemaOf(p.schema),
    })),
  ];
  const codes = [...route.errors, ...COMMON_ERRORS];
  if (route.body)
    codes.push(
      ApiErrorCode.MALFORMED_BODY,
      ApiErrorCode.BODY_TOO_LARGE,
      ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
    );
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: schemaOf(route.body.schema) },
              ...(route.body.protobuf
                ? {
                    'application/x-protobuf': {
                      schema: {
                        type: 'string',
                        contentMediaType: 'application/x-protobuf',
                        description: `one canonical ${route.body.protobuf}`,
                      },
                    },
                  }
                : {}),
            },
          },
        }
      : {}),
    responses: {
      '200': {
        description: 'OK',
        content: { 'application/json': { schema: schemaOf(route.response) } },
      },
      '4XX': errorResponse(
        `an error; codes: ${codes.filter((c) => c !== 'API_INTERNAL').join(', ')}`,
      ),
      '5XX': errorResponse('API_INTERNAL, API_UNAVAILABLE'),
    },
    'x-error-codes': codes,
  };
}

export function openApiDocument(routes: RouteSpec[], limits: ApiLimits) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[route.method.toLowerCase()] = operation(route);
  }
  paths['/v1/openapi.json'] = {
    get: {
      operationId: 'getOpenApi',
      summary: 'This document',
      responses: {
        '200': {
          description: 'the OpenAPI 3.1 document',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
        '4XX': errorResponse('API_RATE_LIMITED'),
      },
    },
  };
  paths['/v1/ws'] = {
    get: {
      operationId: 'webSocket',
      summary:
        'WebSocket subscriptions (upgrade): new headers, transaction status by hash, account changes by address. The JSON protocol is in docs/api.md.',
      responses: {
        '101': { description: 'switching to the WebSocket protocol' },
        '4XX': errorResponse(
          'API_RATE_LIMITED (too many connections), API_ORIGIN_FORBIDDEN, API_BAD_REQUEST (not an upgrade)',
        ),
      },
    },
  };
  const { schemas } = z.toJSONSchema(apiSchemas, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(schemas)) delete schema.$schema;
  return {
    openapi: '3.1.0',
    info: {
      title: 'pvchain node API',
      version: '1.0.0',
      description: `The HTTP JSON API of a pvchain node (docs/api.md). Bytes are lowercase hex, uint64 values decimal strings, addresses 46 hex characters. Limits: bodies up to ${limits.bodyLimitBytes} bytes, ${limits.maxBatch} transactions per submission, ${limits.rateLimit.max} requests per ${limits.rateLimit.windowMs} ms per client.`,
    },
    paths,
    components: { schemas },
  };
}
