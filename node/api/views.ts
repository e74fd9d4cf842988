// The JSON views of ledger values (schemas.ts gives their shapes).
import type { z } from 'zod';
import { pvchain } from '../../proto/index.ts';
import { type AccountRecord, parseAssetKey } from '../ledger/account-record.ts';
import { addressText, enumName, hex, resultName, u64 } from './json-values.ts';
import type { AccountView, BlockResponse, Receipt } from './schemas.ts';

const v1 = pvchain.v1;

export function accountView(a: AccountRecord): z.output<typeof AccountView> {
  return {
    address: addressText(a.address),
    nonce: u64(a.nonce),
    role: enumName(v1.AccountRole, a.role, 'ACCOUNT_ROLE_') as z.output<typeof AccountView>['role'],
    realName: a.realName,
    creator: addressText(a.creator),
    createdHeight: u64(a.createdHeight),
    supplyStatus: enumName(v1.SupplyStatus, a.supplyStatus, 'SUPPLY_STATUS_') as z.output<
      typeof AccountView
    >['supplyStatus'],
    balances: [...a.balances].map(([key, amount]) => {
      const { issuer, code } = parseAssetKey(key);
      return { issuer: addressText(issuer), code, amount: u64(amount) };
    }),
    metadata: [...a.metadata].map(([key, { value, version }]) => ({
      key,
      value: hex(value),
      version: u64(version),
    })),
    permissions: {
      masterWeight: a.permissions.masterWeight,
      signers: [...a.permissions.signers].map(([address, weight]) => ({
        address: addressText(Buffer.from(address, 'hex')),
        weight,
      })),
      txThreshold: u64(a.permissions.txThreshold),
      typeThresholds: [...a.permissions.typeThresholds].map(([type, threshold]) => ({
        type: enumName(v1.OperationType, type, 'OPERATION_TYPE_'),
        threshold: u64(threshold),
      })),
    },
    codeHash: hex(a.codeHash),
    storageRoot: hex(a.storageRoot),
    meters: [...a.meters.values()].map((m) => ({
      meterId: m.meterId,
      publicKey: hex(m.publicKey),
      registeredBy: addressText(m.registeredBy),
      triggerWh: u64(m.triggerWh),
      lastReading: m.lastReading
        ? {
            sequence: u64(m.lastReading.sequence),
            timeMs: u64(m.lastReading.timeMs),
            exportedWh: u64(m.lastReading.exportedWh),
            importedWh: u64(m.lastReading.importedWh),
            generatedWh: u64(m.lastReading.generatedWh),
          }
        : null,
    })),
  };
}

type Certificate = NonNullable<z.output<typeof BlockResponse>['commit']>;

export function certificateView(
  c: pvchain.v1.CommitCertificate.$Properties | null | undefined,
): Certificate | null {
  if (!c) return null;
  return {
    height: u64(c.height),
    view: u64(c.view),
    blockHash: hex(c.blockHash),
    signatures: (c.signatures ?? []).map((s) => ({
      validator: addressText(s.validator),
      signature: hex(s.signature),
    })),
  };
}

export function headerView(h: pvchain.v1.BlockHeader): z.output<typeof BlockResponse>['header'] {
  return {
    version: h.version,
    chainId: h.chainId,
    height: u64(h.height),
    timeMs: u64(h.timeMs),
    previousHash: hex(h.previousHash),
    transactionsRoot: hex(h.transactionsRoot),
    receiptsRoot: hex(h.receiptsRoot),
    stateRoot: hex(h.stateRoot),
    validatorsHash: hex(h.validatorsHash),
    nextValidatorsHash: hex(h.nextValidatorsHash),
    proposer: addressText(h.proposer),
    lastCommitHash: hex(h.lastCommitHash),
  };
}

const TEXT = /^[\x20-\x7e]*$/;

export function receiptView(r: pvchain.v1.Receipt): z.output<typeof Receipt> {
  return {
    result: resultName(r.result),
    resultCode: r.result,
    failedOperation: r.failedOperation,
    gasUsed: u64(r.gasUsed),
    events: r.events.map((e) => {
      const topic = Buffer.from(e.topic ?? []).toString('latin1');
      return {
        contract: addressText(e.contract),
        // Topics are names like "trade"; anything else is shown as hex.
        topic: TEXT.test(topic) ? topic : `0x${hex(e.topic)}`,
        data: hex(e.data),
      };
    }),
    output: hex(r.output),
    contractAddress: addressText(r.contractAddress),
  };
}
