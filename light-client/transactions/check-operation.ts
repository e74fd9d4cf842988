// Stateless checks of one operation's parameters: what can be known wrong without the state.
// Whether the source may do it (roles, balances, existing accounts) is the ledger's to decide.
import { pvchain } from '../../proto/index.ts';
import {
  checkAccountKey,
  checkAddress,
  checkCount,
  checkLength,
  checkMaxBytes,
  checkPositive,
  checkSortedUnique,
  checkText,
  FieldProblem,
  SIGNATURE_BYTES,
  toBigint,
} from './field-checks.ts';
import * as limits from './limits.ts';

const { AccountRole, OperationType: Type } = pvchain.v1;
type Operation = pvchain.v1.Operation.$Properties;
type Body = NonNullable<pvchain.v1.Operation['body']>;

/** The oneof member that belongs to each operation type. */
export const BODY_OF_TYPE: Readonly<Record<number, Body>> = {
  [Type.OPERATION_TYPE_CREATE_ACCOUNT]: 'createAccount',
  [Type.OPERATION_TYPE_ISSUE_ASSET]: 'issueAsset',
  [Type.OPERATION_TYPE_PAYMENT]: 'payment',
  [Type.OPERATION_TYPE_SET_METADATA]: 'setMetadata',
  [Type.OPERATION_TYPE_SET_SIGNER_WEIGHT]: 'setSignerWeight',
  [Type.OPERATION_TYPE_SET_THRESHOLD]: 'setThreshold',
  [Type.OPERATION_TYPE_DEPLOY_CONTRACT]: 'deployContract',
  [Type.OPERATION_TYPE_CALL_CONTRACT]: 'callContract',
  [Type.OPERATION_TYPE_REGISTER_METER]: 'registerMeter',
  [Type.OPERATION_TYPE_METER_READING]: 'meterReading',
  [Type.OPERATION_TYPE_SET_VALIDATORS]: 'setValidators',
  [Type.OPERATION_TYPE_SET_REAL_NAME]: 'setRealName',
};

function checkAsset(asset: pvchain.v1.Asset.$Properties | null | undefined, field: string): void {
  if (!asset) throw new FieldProblem(field, 'missing');
  checkAddress(asset.issuer, `${field}.issuer`);
  checkAssetCode(asset.code, `${field}.code`);
}

function checkMeterId(id: string | null | undefined, field: string): void {
  const text = checkText(id, limits.MAX_METER_ID_CHARS, field);
  if (new TextEncoder().encode(text).length > limits.MAX_METER_ID_BYTES)
    throw new FieldProblem(field, `at most ${limits.MAX_METER_ID_BYTES} bytes of UTF-8`);
}

function checkAssetCode(code: string | null | undefined, field: string): void {
  if (!limits.ASSET_CODE_PATTERN.test(code ?? '')) {
    throw new FieldProblem(
      field,
      'an asset code is 1 to 12 letters or digits, starting with a letter',
    );
  }
}

function checkPermissions(p: pvchain.v1.Permissions.$Properties, field: string): void {
  checkPositive(p.txThreshold, `${field}.txThreshold`);
  const signers = p.signers ?? [];
  checkCount(signers, 0, limits.MAX_SIGNERS_PER_ACCOUNT, `${field}.signers`);
  signers.forEach((s, i) => {
    checkAddress(s.address, `${field}.signers[${i}].address`);
    checkPositive(s.weight, `${field}.signers[${i}].weight`);
  });
  checkSortedUnique(signers, (s) => s.address as Uint8Array, `${field}.signers`);
  checkTypeThresholds(p.typeThresholds ?? [], `${field}.typeThresholds`, 1n);
}

function checkTypeThresholds(
  list: pvchain.v1.TypeThreshold.$Properties[],
  field: string,
  min: bigint,
): void {
  list.forEach((t, i) => {
    if (BODY_OF_TYPE[t.type ?? 0] === undefined)
      throw new FieldProblem(`${field}[${i}].type`, 'not an operation type');
    if (toBigint(t.threshold) < min)
      throw new FieldProblem(`${field}[${i}].threshold`, `must be at least ${min}`);
  });
  checkSortedUnique(list, (t) => t.type ?? 0, field);
}

const checks: { [K in Body]: (body: NonNullable<Operation[K]>) => void } = {
  createAccount(b) {
    checkAccountKey(b.publicKey, 'createAccount.publicKey');
    if (b.role !== AccountRole.ACCOUNT_ROLE_GRID && b.role !== AccountRole.ACCOUNT_ROLE_HOUSEHOLD) {
      throw new FieldProblem('createAccount.role', 'a grid or a household account');
    }
    if (b.role === AccountRole.ACCOUNT_ROLE_HOUSEHOLD || b.realName) {
      checkText(b.realName, limits.MAX_REAL_NAME_CHARS, 'createAccount.realName');
    }
    if (b.permissions) checkPermissions(b.permissions, 'createAccount.permissions');
  },
  issueAsset(b) {
    checkAssetCode(b.code, 'issueAsset.code');
    checkPositive(b.amount, 'issueAsset.amount');
  },
  payment(b) {
    checkAddress(b.destination, 'payment.destination');
    checkAsset(b.asset, 'payment.asset');
    checkPositive(b.amount, 'payment.amount');
  },
  setMetadata(b) {
    checkText(b.key, limits.MAX_METADATA_KEY_CHARS, 'setMetadata.key');
    checkMaxBytes(b.value, limits.MAX_METADATA_VALUE_BYTES, 'setMetadata.value');
    if (b.remove && (b.value?.length ?? 0) > 0)
      throw new FieldProblem('setMetadata.value', 'must be empty when removing');
  },
  setSignerWeight(b) {
    const signers = b.signers ?? [];
    if (!b.masterWeight && signers.length === 0)
      throw new FieldProblem('setSignerWeight', 'changes nothing');
    checkCount(signers, 0, limits.MAX_SIGNERS_PER_ACCOUNT, 'setSignerWeight.signers');
    signers.forEach((s, i) => {
      checkAddress(s.address, `setSignerWeight.signers[${i}].address`);
    });
    checkSortedUnique(signers, (s) => s.address as Uint8Array, 'setSignerWeight.signers');
  },
  setThreshold(b) {
    const list = b.typeThresholds ?? [];
    if (toBigint(b.txThreshold) === 0n && list.length === 0)
      throw new FieldProblem('setThreshold', 'changes nothing');
    checkTypeThresholds(list, 'setThreshold.typeThresholds', 0n);
  },
  deployContract(b) {
    if ((b.code?.length ?? 0) === 0)
      throw new FieldProblem('deployContract.code', 'must not be empty');
    checkMaxBytes(b.code, limits.MAX_CONTRACT_CODE_BYTES, 'deployContract.code');
    checkMaxBytes(b.initInput, limits.MAX_CONTRACT_INPUT_BYTES, 'deployContract.initInput');
  },
  callContract(b) {
    checkAddress(b.contract, 'callContract.contract');
    const method = checkText(b.method, limits.MAX_CONTRACT_METHOD_CHARS, 'callContract.method');
    if (!limits.METHOD_PATTERN.test(method))
      throw new FieldProblem('callContract.method', 'not an identifier');
    checkMaxBytes(b.input, limits.MAX_CONTRACT_INPUT_BYTES, 'callContract.input');
    const allowances = b.allowances ?? [];
    checkCount(allowances, 0, limits.MAX_ALLOWANCES_PER_CALL, 'callContract.allowances');
    allowances.forEach((a, i) => {
      checkAsset(a.asset, `callContract.allowances[${i}].asset`);
      checkPositive(a.amount, `callContract.allowances[${i}].amount`);
    });
    const key = (a: pvchain.v1.AssetAmount.$Properties) =>
      assetKey(a.asset as pvchain.v1.Asset.$Properties);
    checkSortedUnique(allowances, key, 'callContract.allowances');
  },
  registerMeter(b) {
    checkMeterId(b.meterId, 'registerMeter.meterId');
    checkAccountKey(b.publicKey, 'registerMeter.publicKey');
    checkAddress(b.household, 'registerMeter.household');
  },
  meterReading(b) {
    const readings = b.readings ?? [];
    checkCount(readings, 1, limits.MAX_METER_READINGS_PER_OPERATION, 'meterReading.readings');
    readings.forEach((r, i) => {
      const field = `meterReading.readings[${i}]`;
      if (!r.reading) throw new FieldProblem(`${field}.reading`, 'missing');
      checkMeterId(r.reading.meterId, `${field}.reading.meterId`);
      checkPositive(r.reading.sequence, `${field}.reading.sequence`);
      checkLength(r.signature, SIGNATURE_BYTES, `${field}.signature`);
    });
  },
  setValidators(b) {
    const validators = b.validatorSet?.validators ?? [];
    checkCount(
      validators,
      limits.MIN_VALIDATORS,
      limits.MAX_VALIDATORS,
      'setValidators.validatorSet.validators',
    );
    validators.forEach((v, i) => {
      const field = `setValidators.validatorSet.validators[${i}]`;
      checkAddress(v.address, `${field}.address`);
      checkAccountKey(v.publicKey, `${field}.publicKey`);
      checkPositive(v.votingPower, `${field}.votingPower`);
    });
    checkSortedUnique(
      validators,
      (v) => v.address as Uint8Array,
      'setValidators.validatorSet.validators',
    );
    checkPositive(b.effectiveHeight, 'setValidators.effectiveHeight');
  },
  setRealName(b) {
    checkText(b.realName, limits.MAX_REAL_NAME_CHARS, 'setRealName.realName');
  },
};

/** Issuer then code, as one byte string, for ordering allowances. */
function assetKey(asset: pvchain.v1.Asset.$Properties): Uint8Array {
  const code = new TextEncoder().encode(asset.code ?? '');
  const key = new Uint8Array((asset.issuer?.length ?? 0) + code.length);
  key.set(asset.issuer ?? new Uint8Array(0));
  key.set(code, asset.issuer?.length ?? 0);
  return key;
}

/** Throws FieldProblem when the operation's type and body disagree or a parameter is invalid. */
export function checkOperation(operation: Operation): void {
  const expected = BODY_OF_TYPE[operation.type ?? 0];
  if (expected === undefined)
    throw new FieldProblem('type', `unknown operation type ${operation.type}`);
  const present = Object.values(BODY_OF_TYPE).filter((name) => operation[name] != null);
  if (present.length !== 1 || present[0] !== expected) {
    throw new FieldProblem(
      expected,
      `an operation of type ${operation.type} carries ${expected} and nothing else`,
    );
  }
  const check = checks[expected] as (body: unknown) => void;
  check(operation[expected]);
}
