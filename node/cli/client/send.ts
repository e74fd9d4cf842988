// Sending a transaction from the CLI: the chain id from the node's status, the next nonce from
// the signer's account, signed locally (light-client/transactions: the canonical encoding, the
// key never leaves this process), submitted with wait=committed; the answer is the item's
// result and, once committed, the transaction with its receipt.
import { signTransaction } from '../../../light-client/transactions/sign-transaction.ts';
import type { pvchain } from '../../../proto/index.ts';
import type { ApiClient } from './api-client.ts';
import type { KeyPair } from './key-file.ts';

export type SubmitItem = {
  hash: string | null;
  status: 'pooled' | 'committed' | 'failed' | 'refused' | 'timeout';
  error_code: string | null;
  error_desc: string;
  height?: string;
  result?: string;
};

export type Receipt = {
  result: string;
  output: string;
  events: { topic: string; data: string }[];
  gasUsed: string;
};

export type SendResult = SubmitItem & { receipt?: Receipt };

export type SendOptions = {
  nonce?: bigint;
  waitMs: number;
  /** Gas for contract calls (0: none, enough for everything else). */
  gasLimit?: bigint;
};

export type AccountView = {
  address: string;
  nonce: string;
  role: string;
  realName: string;
  creator: string | null;
  supplyStatus: string;
  balances: { issuer: string; code: string; amount: string }[];
  meters: { meterId: string; triggerWh: string; lastReading: unknown }[];
};

export async function chainIdOf(client: ApiClient): Promise<string> {
  return (await client.get<{ chainId: string }>('/status')).chainId;
}

export async function accountOf(client: ApiClient, address: string): Promise<AccountView> {
  return (await client.get<{ account: AccountView }>(`/accounts/${address}`)).account;
}

/** Submits signed envelopes in one request, waiting until they are committed (or the wait ends). */
export async function submitCommitted(
  client: ApiClient,
  envelopes: Uint8Array[],
  waitMs: number,
): Promise<SubmitItem[]> {
  const answer = await client.post<{ results: SubmitItem[] }>(
    `/transactions?wait=committed&timeoutMs=${waitMs}`,
    { transactions: envelopes.map((e) => Buffer.from(e).toString('hex')) },
  );
  return answer.results;
}

/** Signs `operations` as `key`'s next transaction, submits it and waits for its block. */
export async function sendTransaction(
  client: ApiClient,
  key: KeyPair,
  operations: pvchain.v1.Operation.$Properties[],
  options: SendOptions,
): Promise<SendResult> {
  const chainId = await chainIdOf(client);
  const nonce = options.nonce ?? BigInt((await accountOf(client, key.address)).nonce) + 1n;
  const envelope = signTransaction(chainId, key, nonce, operations, {
    gasLimit: options.gasLimit ?? 0n,
  });
  const [item] = await submitCommitted(client, [envelope], options.waitMs);
  if (!item) throw new Error('the node answered no result');
  if (!item.hash || (item.status !== 'committed' && item.status !== 'failed')) return item;
  const tx = await client.get<{ receipt?: Receipt }>(`/transactions/${item.hash}`);
  return { ...item, ...(tx.receipt && { receipt: tx.receipt }) };
}
