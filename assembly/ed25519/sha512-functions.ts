// The six logical functions of SHA-512 (FIPS 180-4 section 4.1.3).

// @ts-ignore: decorator
@inline export function big0(x: u64): u64 {
  return rotr<u64>(x, 28) ^ rotr<u64>(x, 34) ^ rotr<u64>(x, 39);
}

// @ts-ignore: decorator
@inline export function big1(x: u64): u64 {
  return rotr<u64>(x, 14) ^ rotr<u64>(x, 18) ^ rotr<u64>(x, 41);
}

// @ts-ignore: decorator
@inline export function small0(x: u64): u64 {
  return rotr<u64>(x, 1) ^ rotr<u64>(x, 8) ^ (x >>> 7);
}

// @ts-ignore: decorator
@inline export function small1(x: u64): u64 {
  return rotr<u64>(x, 19) ^ rotr<u64>(x, 61) ^ (x >>> 6);
}

// @ts-ignore: decorator
@inline export function ch(e: u64, f: u64, g: u64): u64 {
  return g ^ (e & (f ^ g));
}

// @ts-ignore: decorator
@inline export function maj(a: u64, b: u64, c: u64): u64 {
  return (a & b) | (c & (a | b));
}
