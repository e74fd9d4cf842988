// A worker of the verification pool (./verify-pool.node.ts): loads the Ed25519 Wasm once, says
// "ready", then verifies each batch it is sent and transfers one verdict byte per item back.
import { parentPort } from 'node:worker_threads';
import { verifyBatch } from './ed25519-verify.ts';
import { unpackBatch } from './verify-pool-wire.ts';

export type WorkerRequest = { id: number; buffer: ArrayBuffer };
export type WorkerReply =
  | { ready: true }
  | { id: number; verdicts: Uint8Array }
  | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('verify-pool-worker.node.ts runs as a worker thread only');

port.on('message', ({ id, buffer }: WorkerRequest) => {
  try {
    const verdicts = Uint8Array.from(verifyBatch(unpackBatch(buffer)), Number);
    port.postMessage({ id, verdicts } satisfies WorkerReply, [verdicts.buffer]);
  } catch (error) {
    port.postMessage({ id, error: String((error as Error)?.stack ?? error) } satisfies WorkerReply);
  }
});
port.postMessage({ ready: true } satisfies WorkerReply);
