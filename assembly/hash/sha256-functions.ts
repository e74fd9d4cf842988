// The six logical functions of SHA-256 (FIPS 180-4 section 4.1.2).

// @ts-ignore: decorator
@inline export function big0(x: u32): u32 {
  return rotr<u32>(x, 2) ^ rotr<u32>(x, 13) ^ rotr<u32>(x, 22);
}

// @ts-ignore: decorator
@inline export function big1(x: u32): u32 {
  return rotr<u32>(x, 6) ^ rotr<u32>(x, 11) ^ rotr<u32>(x, 25);
}

// @ts-ignore: decorator
@inline export function small0(x: u32): u32 {
  return rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >>> 3);
}

// @ts-ignore: decorator
@inline export function small1(x: u32): u32 {
  return rotr<u32>(x, 17) ^ rotr<u32>(x, 19) ^ (x >>> 10);
}

// @ts-ignore: decorator
@inline export function ch(e: u32, f: u32, g: u32): u32 {
  return g ^ (e & (f ^ g));
}

// @ts-ignore: decorator
@inline export function maj(a: u32, b: u32, c: u32): u32 {
  return (a & b) | (c & (a | b));
}
