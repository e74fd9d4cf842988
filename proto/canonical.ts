/**
 * The canonical codec for pvchain's messages (see codec.ts and docs/adr/0002):
 *
 *   const bytes = encodeCanonical(pvchain.v1.Transaction, { chainId, source, nonce, ... });
 *   const tx = decodeCanonical(pvchain.v1.Transaction, bytes); // throws ProtoError
 */
import { type CanonicalCodec, createCanonicalCodec } from './codec.ts';
import * as generated from './generated/pvchain.js';
import { messageSchemas } from './generated/schema.js';
import { maxBytesOf } from './limits.ts';

const codec = createCanonicalCodec({ generated, schemas: messageSchemas, maxBytesOf });

export const encodeCanonical: CanonicalCodec['encodeCanonical'] = codec.encodeCanonical;
export const decodeCanonical: CanonicalCodec['decodeCanonical'] = codec.decodeCanonical;
export const typeNameOf: CanonicalCodec['typeNameOf'] = codec.typeNameOf;
