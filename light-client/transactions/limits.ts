// Limits on what one transaction may carry. They bound the work a node does for a transaction
// before it knows whether the transaction is any good.

export const MAX_OPERATIONS_PER_TRANSACTION = 64;
export const MAX_SIGNATURES_PER_TRANSACTION = 8;
export const MAX_SIGNERS_PER_ACCOUNT = 16;
export const MAX_METADATA_KEY_CHARS = 64;
export const MAX_METADATA_VALUE_BYTES = 1024;
export const MAX_REAL_NAME_CHARS = 64;
export const MAX_METER_ID_CHARS = 63;
/** A meter id's UTF-8 bytes: the energy contract keys its settlement record by `m` + id (64). */
export const MAX_METER_ID_BYTES = 63;
export const MAX_METER_READINGS_PER_OPERATION = 256;
export const MAX_CONTRACT_METHOD_CHARS = 64;
export const MAX_CONTRACT_INPUT_BYTES = 16 * 1024;
export const MAX_CONTRACT_CODE_BYTES = 48 * 1024;
export const MAX_ALLOWANCES_PER_CALL = 8;
/** Most gas one transaction may ask for (a block's contract work stays bounded). */
export const MAX_GAS_LIMIT = 100_000_000n;
export const MIN_VALIDATORS = 4;
export const MAX_VALIDATORS = 64;

/** Asset codes: 1 to 12 letters or digits, starting with a letter (`kWh`, `CNY`). */
export const ASSET_CODE_PATTERN = /^[A-Za-z][A-Za-z0-9]{0,11}$/;
/** Contract method names: an identifier. */
export const METHOD_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
