/**
 * Errors of the verification worker pool (assembly/bindings/verify-pool.node.ts). Misuse (bad
 * items, bad options) throws TypeError / RangeError; these are the conditions a caller must handle
 * at run time, each with a stable `code`.
 */

export const VerifyPoolErrorCode = {
  /** The pool was not started, or is stopping or stopped. */
  NOT_RUNNING: 'POOL_NOT_RUNNING',
  /** Taking the batch would queue more items than `maxQueuedItems`: back off or verify inline. */
  QUEUE_FULL: 'POOL_QUEUE_FULL',
  /** A worker failed (crashed, exited, or could not load) while it held part of the batch. */
  WORKER_FAILED: 'POOL_WORKER_FAILED',
} as const;

export type VerifyPoolErrorCode = (typeof VerifyPoolErrorCode)[keyof typeof VerifyPoolErrorCode];

export interface VerifyPoolErrorMetadata {
  /** Items in the batch that was refused or lost. */
  items: number;
  /** Items waiting in the queue when the error arose. */
  queuedItems: number;
}

export class VerifyPoolError extends Error {
  readonly code: VerifyPoolErrorCode;
  readonly items: number;
  readonly queuedItems: number;

  constructor(
    code: VerifyPoolErrorCode,
    message: string,
    metadata: VerifyPoolErrorMetadata,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'VerifyPoolError';
    this.code = code;
    this.items = metadata.items;
    this.queuedItems = metadata.queuedItems;
  }

  toJSON(): { code: VerifyPoolErrorCode; message: string } & VerifyPoolErrorMetadata {
    const { code, message, items, queuedItems } = this;
    return { code, message, items, queuedItems };
  }
}
