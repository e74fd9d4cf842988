// Accounts: an account, its proof at a height, its transactions (paged), and for the grid
// operator the households of a grid (paged).
import { z } from 'zod';
import { decodeAccount } from '../../ledger/account-record.ts';
import type { ApiContext, RouteSpec } from '../api-context.ts';
import { ApiError, ApiErrorCode } from '../api-error.ts';
import { hex, parseAddressParam, parseHeightParam, u64 } from '../json-values.ts';
import {
  AccountProofResponse,
  AccountResponse,
  AddressTransactionsPage,
  HouseholdsPage,
} from '../schemas.ts';
import { accountView } from '../views.ts';
import { pageLimit } from './paging.ts';

const address = {
  description: 'the account address, 46 lowercase hex characters (a001...)',
  schema: z.string(),
};
const limit = {
  description: 'items per page (default 50, at most the server limit)',
  schema: z.string(),
};

export function accountRoutes(ctx: ApiContext): RouteSpec[] {
  return [
    {
      method: 'GET',
      path: '/v1/accounts/:address',
      operationId: 'getAccount',
      summary:
        'An account at the latest committed height: balances per asset, nonce, metadata, signers and thresholds, real name, supply status, meters',
      params: { address },
      response: AccountResponse,
      errors: [ApiErrorCode.ACCOUNT_NOT_FOUND],
      async handler({ params }) {
        const { height, record } = await ctx.state.account(parseAddressParam(params.address ?? ''));
        if (!record)
          throw new ApiError(ApiErrorCode.ACCOUNT_NOT_FOUND, 'no account has this address');
        return { height: u64(height), account: accountView(record) };
      },
    },
    {
      method: 'GET',
      path: '/v1/accounts/:address/proof',
      operationId: 'getAccountProof',
      summary:
        'An account with its Merkle proof against the state root of a height (the latest by default; a past height while the trie keeps its root). An absent account is proven absent.',
      params: { address },
      query: {
        height: {
          description: 'a committed height (default: the latest persisted)',
          schema: z.string(),
        },
      },
      response: AccountProofResponse,
      errors: [ApiErrorCode.HEIGHT_UNAVAILABLE],
      async handler({ params, query }) {
        const addressBytes = parseAddressParam(params.address ?? '');
        const height = query.height === undefined ? undefined : parseHeightParam(query.height);
        const p = await ctx.state.proof(addressBytes, height);
        return {
          address: params.address,
          height: u64(p.height),
          stateRoot: hex(p.root),
          key: hex(p.key),
          value: p.value ? hex(p.value) : null,
          account: p.value ? accountView(decodeAccount(p.value)) : null,
          proof: p.proof.map(hex),
        };
      },
    },
    {
      method: 'GET',
      path: '/v1/accounts/:address/transactions',
      operationId: 'getAccountTransactions',
      summary:
        'The committed transactions that touch an address (as source, payee, household of a meter, or contract called), newest first, paged',
      params: { address },
      query: {
        limit,
        before: { description: 'the `next` of the previous page', schema: z.string() },
      },
      response: AddressTransactionsPage,
      errors: [],
      async handler({ params, query }) {
        const addressBytes = parseAddressParam(params.address ?? '');
        const before = query.before === undefined ? undefined : parseLocation(query.before);
        const page = await ctx.ledger.addressTransactions(
          addressBytes,
          pageLimit(query.limit, ctx.limits.maxPageSize),
          before,
        );
        return { address: params.address, ...page };
      },
    },
    {
      method: 'GET',
      path: '/v1/grids/:address/households',
      operationId: 'getGridHouseholds',
      summary:
        "For the grid operator: every household the grid created, with balances and supply status, at the latest committed height, paged (in the state trie's key order)",
      params: { address: { ...address, description: 'the grid account address' } },
      query: {
        limit,
        after: { description: 'the `next` of the previous page', schema: z.string() },
      },
      response: HouseholdsPage,
      errors: [ApiErrorCode.GRID_NOT_FOUND],
      async handler({ params, query }) {
        const grid = parseAddressParam(params.address ?? '');
        const after = query.after === undefined ? undefined : parseCursor(query.after);
        const page = await ctx.state.households(
          grid,
          pageLimit(query.limit, ctx.limits.maxPageSize),
          after,
        );
        return {
          grid: params.address,
          height: u64(page.height),
          items: page.items.map(accountView),
          next: page.next,
        };
      },
    },
  ];
}

function parseLocation(text: string): { height: bigint; index: number } {
  const match = /^(0|[1-9][0-9]{0,19})\.(0|[1-9][0-9]{0,9})$/.exec(text);
  const index = Number(match?.[2]);
  if (!match || index > 0xffffffff)
    throw new ApiError(ApiErrorCode.INVALID_PARAMETER, 'before: expected the `next` of a page');
  return { height: parseHeightParam(match[1] as string, 'before'), index };
}

function parseCursor(text: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(text))
    throw new ApiError(ApiErrorCode.INVALID_PARAMETER, 'after: expected the `next` of a page');
  return new Uint8Array(Buffer.from(text, 'hex'));
}
