// PBFT consensus (issue 7): the engine, its sign logs, and the certificate checks it shares.
export {
  checkCheckpointCertificate,
  checkCommitCertificate,
  checkPreparedCertificate,
} from './certificates.ts';
export { createLevelSignLog, openLevelSignLog, type SignLogDb } from './level-sign-log.ts';
export { createPbft, type Pbft, type PbftStableCheckpoint } from './pbft.ts';
export {
  createMemorySignLog,
  type SignLog,
  SignLogConflictError,
  type SignLogEntry,
} from './sign-log.ts';
export type * from './types.ts';
