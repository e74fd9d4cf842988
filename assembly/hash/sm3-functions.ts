// The permutations and boolean functions of SM3 (GB/T 32905-2016, 4.3 and 4.4), on u32.
// binaryen inlines these small functions into the generated rounds.

export function p0(x: u32): u32 {
  return x ^ rotl<u32>(x, 9) ^ rotl<u32>(x, 17);
}

export function p1(x: u32): u32 {
  return x ^ rotl<u32>(x, 15) ^ rotl<u32>(x, 23);
}

/** FF_j and GG_j for 0 <= j < 16. */
export function ff0(x: u32, y: u32, z: u32): u32 {
  return x ^ y ^ z;
}

export function gg0(x: u32, y: u32, z: u32): u32 {
  return x ^ y ^ z;
}

/** FF_j (majority) for 16 <= j < 64, written so that x, the newest word, comes last. */
export function ff1(x: u32, y: u32, z: u32): u32 {
  return (y & z) | (x & (y | z));
}

/** GG_j (choice) for 16 <= j < 64. */
export function gg1(x: u32, y: u32, z: u32): u32 {
  return z ^ (x & (y ^ z));
}
