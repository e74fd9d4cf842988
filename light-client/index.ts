// `pvchain/light-client`: createLightClient and the verification functions it is built on (the
// same ones the full node's block sync uses).
export * from './client/index.ts';
export * from './verify/index.ts';
