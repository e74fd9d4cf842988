// TEST ONLY: a dishonest full node for the light client's tests (issue 9). Wraps the light
// handlers (light-handlers.ts) so that their answers lie in one chosen way each; a light client
// must reject every one of them with its own error code. Selected by `pvchain node` from
// PVCHAIN_TEST_FAULTS (a comma-separated list, parseTestFaults) and never active without it.
import { hash } from '../../assembly/bindings/crypto.ts';
import { decodeCanonical, encodeCanonical, pvchain } from '../../proto/index.ts';
import { decodeAccount, encodeAccount } from '../ledger/account-record.ts';
import { type LightHandlers, LightRequestError } from './light-handlers.ts';

const v1 = pvchain.v1;

export const LightFault = {
  /** account-proof: the account's balances raised (the account bytes altered, the proof kept). */
  FORGE_BALANCE: 'forge-balance',
  /** account-proof, storage-proof: one byte of the (storage) proof's leaf node flipped. */
  FORGE_PROOF: 'forge-proof',
  /**
   * storage-proof: the value altered, the proofs kept: a stored value's last byte changed (an
   * offer's price), an absent key given a value (an offer invented).
   */
  FORGE_STORAGE: 'forge-storage',
  /** headers: each commit certificate cut to half its signatures (at most 2/3 of the power). */
  MINORITY_COMMIT: 'minority-commit',
  /** headers: validators_hash names another set; validator-set: a member dropped. */
  WRONG_VALIDATOR_SET: 'wrong-validator-set',
  /** headers: nothing above the latest height less WITHHELD_HEIGHTS (status still claims it). */
  WITHHOLD_HEAD: 'withhold-head',
  /** headers, validator-set, account-proof, storage-proof: random bytes instead of an answer. */
  GARBAGE: 'garbage',
} as const;
export type LightFault = (typeof LightFault)[keyof typeof LightFault];

/** How far below the head a withholding node stops serving headers. */
export const WITHHELD_HEIGHTS = 5n;

const LIGHT_FAULTS = new Set<string>(Object.values(LightFault));

/** PVCHAIN_TEST_FAULTS: `equivocate` (consensus) and the light faults, comma-separated. */
export function parseTestFaults(value: string | undefined): {
  equivocate: boolean;
  light: LightFault[];
} {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names)
    if (name !== 'equivocate' && !LIGHT_FAULTS.has(name))
      throw new RangeError(`PVCHAIN_TEST_FAULTS: unknown fault ${JSON.stringify(name)}`);
  return {
    equivocate: names.includes('equivocate'),
    light: names.filter((n): n is LightFault => LIGHT_FAULTS.has(n)),
  };
}

const decode = (bytes: Uint8Array) =>
  decodeCanonical(v1.SyncResponse, bytes, { maxBytes: Number.MAX_SAFE_INTEGER });
const encode = (body: pvchain.v1.SyncResponse.$Properties) =>
  encodeCanonical(v1.SyncResponse, body, { maxBytes: Number.MAX_SAFE_INTEGER });

function garbage(): Uint8Array {
  const bytes = new Uint8Array(64 + Math.floor(Math.random() * 512));
  crypto.getRandomValues(bytes);
  return bytes;
}

function forgeAccount(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0) return bytes;
  const account = decodeAccount(bytes);
  for (const [key, amount] of account.balances) account.balances.set(key, amount + 1_000_000n);
  if (account.balances.size === 0) account.nonce += 1n;
  return encodeAccount(account);
}

/** An invented storage value: the size of an energy offer record (39 bytes). */
const INVENTED_VALUE_BYTES = 39;

function forgeValue(value: Uint8Array): Uint8Array {
  if (value.length === 0) return new Uint8Array(INVENTED_VALUE_BYTES).fill(0x07);
  const forged = value.slice();
  forged[forged.length - 1] = (forged.at(-1) ?? 0) ^ 0x01;
  return forged;
}

function forgeProof(proof: Uint8Array[]): Uint8Array[] {
  const forged = proof.map((node) => node.slice());
  const leaf = forged.at(-1);
  if (leaf && leaf.length > 0) leaf[leaf.length - 1] = (leaf.at(-1) ?? 0) ^ 0x01;
  return forged;
}

function alterHeaders(
  response: pvchain.v1.SyncResponse,
  faults: ReadonlySet<LightFault>,
): pvchain.v1.SyncResponse.$Properties {
  const headers = (response.headers?.headers ?? []).map((signed) => {
    const header = { ...(signed.header ?? {}) };
    const commit = { ...(signed.commit ?? {}) };
    if (faults.has(LightFault.MINORITY_COMMIT)) {
      const signatures = commit.signatures ?? [];
      commit.signatures = signatures.slice(0, Math.floor(signatures.length / 2));
    }
    if (faults.has(LightFault.WRONG_VALIDATOR_SET) && header.validatorsHash)
      header.validatorsHash = hash('sha256', header.validatorsHash);
    return { header, commit };
  });
  return { headers: { headers } };
}

/** The handlers, each answer altered as `faults` say; the handlers themselves when none. */
export function withLightFaults(
  handlers: LightHandlers,
  faults: readonly LightFault[],
  c: { head(): bigint },
): LightHandlers {
  if (faults.length === 0) return handlers;
  const on = new Set(faults);
  return {
    async headers(request) {
      if (on.has(LightFault.GARBAGE)) return garbage();
      let asked = request;
      if (on.has(LightFault.WITHHOLD_HEAD)) {
        const last = c.head() - WITHHELD_HEIGHTS;
        const start = BigInt(request.startHeight.toString());
        if (start > last)
          throw new LightRequestError(
            v1.SyncErrorCode.SYNC_ERROR_CODE_NOT_FOUND,
            `the latest height is ${last}`,
          );
        const count = Math.min(request.count, Number(last - start + 1n));
        asked = v1.HeadersRequest.create({ startHeight: request.startHeight, count });
      }
      const answer = await handlers.headers(asked);
      if (!on.has(LightFault.MINORITY_COMMIT) && !on.has(LightFault.WRONG_VALIDATOR_SET))
        return answer;
      const response = decode(answer);
      return response.headers ? encode(alterHeaders(response, on)) : answer;
    },
    async validatorSet(request) {
      if (on.has(LightFault.GARBAGE)) return garbage();
      const answer = await handlers.validatorSet(request);
      if (!on.has(LightFault.WRONG_VALIDATOR_SET)) return answer;
      const response = decode(answer);
      const served = response.validatorSet;
      if (!served) return answer;
      const validators = served.validatorSet?.validators ?? [];
      return encode({
        validatorSet: { height: served.height, validatorSet: { validators: validators.slice(1) } },
      });
    },
    async accountProof(request) {
      if (on.has(LightFault.GARBAGE)) return garbage();
      const answer = await handlers.accountProof(request);
      if (!on.has(LightFault.FORGE_BALANCE) && !on.has(LightFault.FORGE_PROOF)) return answer;
      const response = decode(answer);
      const proof = response.accountProof;
      if (!proof) return answer;
      const account = proof.account ?? new Uint8Array(0);
      const nodes = proof.proof ?? [];
      return encode({
        accountProof: {
          height: proof.height,
          account: on.has(LightFault.FORGE_BALANCE) ? forgeAccount(account) : account,
          proof: on.has(LightFault.FORGE_PROOF) ? forgeProof(nodes) : nodes,
        },
      });
    },
    async storageProof(request) {
      if (on.has(LightFault.GARBAGE)) return garbage();
      const answer = await handlers.storageProof(request);
      if (!on.has(LightFault.FORGE_STORAGE) && !on.has(LightFault.FORGE_PROOF)) return answer;
      const served = decode(answer).storageProof;
      if (!served) return answer;
      const value = served.value ?? new Uint8Array(0);
      const nodes = served.storageProof ?? [];
      return encode({
        storageProof: {
          ...served,
          value: on.has(LightFault.FORGE_STORAGE) ? forgeValue(value) : value,
          storageProof: on.has(LightFault.FORGE_PROOF) ? forgeProof(nodes) : nodes,
        },
      });
    },
    submitTransaction: handlers.submitTransaction,
  };
}
