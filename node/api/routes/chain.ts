// The chain: blocks by height and by hash with their commit certificates, a transaction with its
// receipt, the validators and the node's status.
import { z } from 'zod';
import type { ApiContext, RouteSpec } from '../api-context.ts';
import { ApiError, ApiErrorCode } from '../api-error.ts';
import { addressText, hex, parseHashParam, parseHeightParam, u64 } from '../json-values.ts';
import {
  BlockResponse,
  StatusResponse,
  TransactionResponse,
  ValidatorsResponse,
} from '../schemas.ts';

const hashParam = (what: string) => ({
  description: `the ${what} hash, 64 lowercase hex characters`,
  schema: z.string(),
});

export function chainRoutes(ctx: ApiContext): RouteSpec[] {
  const { components: node } = ctx;
  const notFound = (what: string) => new ApiError(ApiErrorCode.BLOCK_NOT_FOUND, `no block ${what}`);
  return [
    {
      method: 'GET',
      path: '/v1/blocks/:height',
      operationId: 'getBlockByHeight',
      summary: "A committed block by height ('latest' for the newest), with its commit certificate",
      params: { height: { description: "a height, or 'latest'", schema: z.string() } },
      response: BlockResponse,
      errors: [ApiErrorCode.BLOCK_NOT_FOUND],
      async handler({ params }) {
        const height =
          params.height === 'latest' ? node.ledger.head() : parseHeightParam(params.height ?? '');
        const view = await ctx.ledger.blockView(height);
        if (!view) throw notFound(`at height ${height}`);
        return view;
      },
    },
    {
      method: 'GET',
      path: '/v1/blocks/hash/:hash',
      operationId: 'getBlockByHash',
      summary: 'A committed block by its hash, with its commit certificate',
      params: { hash: hashParam('block') },
      response: BlockResponse,
      errors: [ApiErrorCode.BLOCK_NOT_FOUND],
      async handler({ params }) {
        const height = await ctx.ledger.heightOf(parseHashParam(params.hash ?? ''));
        const view = height === undefined ? undefined : await ctx.ledger.blockView(height);
        if (!view) throw notFound('with this hash');
        return view;
      },
    },
    {
      method: 'GET',
      path: '/v1/transactions/:hash',
      operationId: 'getTransaction',
      summary:
        "A transaction by hash: committed, with its block and receipt; or pending in this node's pool",
      params: { hash: hashParam('transaction') },
      response: TransactionResponse,
      errors: [ApiErrorCode.TRANSACTION_NOT_FOUND],
      async handler({ params }) {
        const txHash = parseHashParam(params.hash ?? '');
        const view = await ctx.ledger.transactionView(txHash);
        if (view) return view;
        if (node.mempool.has(txHash)) return { hash: params.hash, status: 'pending' };
        throw new ApiError(
          ApiErrorCode.TRANSACTION_NOT_FOUND,
          'no committed or pooled transaction has this hash',
        );
      },
    },
    {
      method: 'GET',
      path: '/v1/validators',
      operationId: 'getValidators',
      summary: 'The validator set signing the next block',
      response: ValidatorsResponse,
      errors: [],
      async handler() {
        const set = node.validators();
        return {
          height: u64(node.ledger.head() + 1n),
          since: u64(set.since),
          validatorsHash: hex(set.hash),
          validators: set.validators.map((v) => ({
            address: addressText(v.address),
            publicKey: hex(v.publicKey),
            votingPower: u64(v.votingPower),
          })),
        };
      },
    },
    {
      method: 'GET',
      path: '/v1/status',
      operationId: 'getStatus',
      summary:
        "The node's status: height, last block hash and time, PBFT view, peers, pool size, chain id",
      response: StatusResponse,
      errors: [],
      async handler() {
        // The height and the block read together from ledger.db (the chain's own record of its
        // last block is updated a moment after ledger.db).
        const height = node.ledger.head();
        const last = await ctx.ledger.block(height);
        const consensus = node.network?.status();
        const state = await node.stateHead();
        return {
          chainId: node.chainId,
          mode: node.network ? 'validator' : 'solo',
          validator: addressText(node.self),
          height: u64(height),
          lastBlockHash: hex(last?.hash),
          lastBlockTimeMs: u64(last?.header.timeMs ?? 0n),
          stateHeight: u64(state?.height ?? 0n),
          view: u64(consensus?.view ?? 0n),
          phase: node.fatalError()
            ? 'stopped'
            : (consensus?.phase ?? (node.network ? 'not-a-validator' : 'solo')),
          peers: node.network?.peers() ?? 0,
          mempoolSize: node.mempool.size(),
          addresses: node.network?.addresses?.() ?? [],
        };
      },
    },
  ];
}
