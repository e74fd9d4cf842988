// Assembles WAT text with binaryen (all features on, so that refused ones can be written).
import binaryen from 'binaryen';

export function wat(text: string): Uint8Array {
  const m = binaryen.parseText(text);
  try {
    m.setFeatures(binaryen.Features.All);
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}
