// Handing a signed transaction to a full node (`submit-tx`: a browser has no gossip). The bytes
// are checked to be one canonical SignedTransaction before anything is sent; the id is computed
// here (the chain hash of the transaction bytes) and the node must answer with the same.
import { type HashAlgorithm, hash } from '../../assembly/bindings/crypto.ts';
import { decodeCanonical, ProtoError, pvchain } from '../../proto/index.ts';
import { bytesOf, equalBytes, toHex } from '../verify/fields.ts';
import { LightClientErrorCode as Code, LightClientError } from './types.ts';
import { type Ask, NodeRefusal } from './wire.ts';

const v1 = pvchain.v1;

/** Decodes the caller's transaction (size first); LIGHT_MALFORMED when it is not one. */
export function readSignedTransaction(
  alg: HashAlgorithm,
  bytes: Uint8Array,
): { signed: pvchain.v1.SignedTransaction; transactionHash: Uint8Array } {
  if (!(bytes instanceof Uint8Array))
    throw new TypeError('a signed transaction is a Uint8Array of its canonical encoding');
  try {
    const signed = decodeCanonical(v1.SignedTransaction, bytes);
    return { signed, transactionHash: hash(alg, bytesOf(signed.transaction)) };
  } catch (error) {
    if (!(error instanceof ProtoError)) throw error;
    throw new LightClientError(Code.MALFORMED, `signed transaction: ${error.message}`, {
      protoCode: error.code,
    });
  }
}

/** Submits to `peer`; LIGHT_REJECTED (with the node's ResultCode) when it refuses the transaction. */
export async function submitTo(
  ask: Ask,
  peer: string,
  tx: ReturnType<typeof readSignedTransaction>,
): Promise<void> {
  let answer: pvchain.v1.SyncResponse;
  try {
    answer = await ask(peer, 'submit-tx', { submitTransaction: { transaction: tx.signed } });
  } catch (error) {
    if (
      error instanceof NodeRefusal &&
      error.syncCode === v1.SyncErrorCode.SYNC_ERROR_CODE_REJECTED
    )
      throw new LightClientError(Code.REJECTED, `${peer} refused the transaction`, {
        peer,
        result: error.result,
        resultName: v1.ResultCode[error.result],
        message: error.message,
      });
    throw error;
  }
  const served = bytesOf(answer.submitTransaction?.transactionHash);
  if (!equalBytes(served, tx.transactionHash))
    throw new LightClientError(Code.MALFORMED, `${peer} named another transaction hash`, {
      peer,
      expected: toHex(tx.transactionHash),
      actual: toHex(served),
    });
}
