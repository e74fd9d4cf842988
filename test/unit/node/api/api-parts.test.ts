// The API's pure parts: submitted items decoded, WebSocket messages parsed, errors mapped to
// codes, and the OpenAPI document's shape.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { z } from 'zod';
import { ApiError, toApiError } from '../../../../node/api/api-error.ts';
import { DEFAULT_API_LIMITS } from '../../../../node/api/api-server.ts';
import { openApiDocument } from '../../../../node/api/openapi.ts';
import { decodeItem } from '../../../../node/api/routes/submit.ts';
import { AccountResponse } from '../../../../node/api/schemas.ts';
import { idOf, parseClientMessage } from '../../../../node/api/ws-protocol.ts';

it('decodes submitted items as hex or base64, refusing anything else before decoding', () => {
  assert.deepEqual(decodeItem('0a0b'), Uint8Array.from([10, 11]));
  assert.deepEqual(decodeItem('0x0A0B'), Uint8Array.from([10, 11]));
  assert.deepEqual(decodeItem('CgsM'), Uint8Array.from([10, 11, 12]));
  assert.deepEqual(decodeItem('_-8='), Uint8Array.from(Buffer.from('_-8=', 'base64url')));
  assert.equal(decodeItem(''), 'an empty item');
  assert.equal(decodeItem('not base64!'), 'neither hex nor base64');
  assert.equal(decodeItem(7), 'an item must be a string of hex or base64');
  assert.match(decodeItem('A'.repeat(200_000)) as string, /^longer than/);
});

it('parses WebSocket messages and names what is wrong', () => {
  assert.deepEqual(parseClientMessage('{"id":1,"op":"ping"}'), { id: 1, op: 'ping' });
  assert.deepEqual(parseClientMessage('{"op":"subscribe","topic":"headers"}'), {
    op: 'subscribe',
    topic: 'headers',
  });
  const code = (text: string) => {
    try {
      parseClientMessage(text);
      return 'ok';
    } catch (error) {
      return (error as ApiError).code;
    }
  };
  assert.equal(code('{'), 'API_MALFORMED_BODY');
  assert.equal(code('null'), 'API_INVALID_PARAMETER');
  assert.equal(code('{"op":"constructor"}'), 'API_INVALID_PARAMETER');
  assert.equal(code('{"op":"subscribe","topic":"headers","extra":1}'), 'API_INVALID_PARAMETER');
  assert.equal(
    code('{"op":"subscribe","topic":"transaction","hash":"AB"}'),
    'API_INVALID_PARAMETER',
  );
  assert.equal(idOf('{"id":"x"}'), 'x');
  assert.equal(idOf('{"id":{"a":1}}'), null);
  assert.equal(idOf('nope'), null);
});

it('maps every failure to a stable code and status', () => {
  const cases: [unknown, string, number][] = [
    [new ApiError('API_BLOCK_NOT_FOUND', 'x'), 'API_BLOCK_NOT_FOUND', 404],
    [
      Object.assign(new Error('big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }),
      'API_BODY_TOO_LARGE',
      413,
    ],
    [
      Object.assign(new Error('type'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }),
      'API_UNSUPPORTED_MEDIA_TYPE',
      415,
    ],
    [new SyntaxError('Unexpected token'), 'API_MALFORMED_BODY', 400],
    [Object.assign(new Error('odd'), { statusCode: 400 }), 'API_BAD_REQUEST', 400],
    [new TypeError('a bug'), 'API_INTERNAL', 500],
    ['a string', 'API_INTERNAL', 500],
  ];
  for (const [error, code, status] of cases) {
    const mapped = toApiError(error);
    assert.equal(mapped.code, code);
    assert.equal(mapped.statusCode, status);
  }
  assert.equal(toApiError(new TypeError('secret detail')).message, 'internal error');
});

it('documents routes with their parameters, error codes and named schemas', () => {
  const doc = openApiDocument(
    [
      {
        method: 'GET',
        path: '/v1/accounts/:address',
        operationId: 'getAccount',
        summary: 'an account',
        params: { address: { description: 'the address', schema: z.string() } },
        response: AccountResponse,
        errors: ['API_ACCOUNT_NOT_FOUND'],
        handler: async () => ({}),
      },
    ],
    DEFAULT_API_LIMITS,
  );
  const operation = doc.paths['/v1/accounts/{address}']?.get as {
    parameters: { name: string; in: string; schema: unknown }[];
    'x-error-codes': string[];
    responses: Record<string, unknown>;
  };
  assert.deepEqual(operation.parameters[0], {
    name: 'address',
    in: 'path',
    required: true,
    description: 'the address',
    schema: { type: 'string' },
  });
  assert.ok(operation['x-error-codes'].includes('API_ACCOUNT_NOT_FOUND'));
  assert.ok(operation['x-error-codes'].includes('API_RATE_LIMITED'));
  assert.deepEqual(Object.keys(operation.responses), ['200', '4XX', '5XX']);
  assert.deepEqual(
    (operation.responses['200'] as { content: Record<string, { schema: unknown }> }).content[
      'application/json'
    ]?.schema,
    { $ref: '#/components/schemas/Account' },
  );
  assert.ok(doc.components.schemas.Account && doc.components.schemas.Error);
  assert.ok(doc.paths['/v1/ws'] && doc.paths['/v1/openapi.json']);
});
