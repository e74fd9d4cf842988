// The SHA-256 functions of sha256-functions.ts on four i32x4 lanes, shared by the hash module's
// four-message batch and the trie's four-block compression (SIMD builds only).

// @ts-ignore: decorator
@inline export function rotr4(x: v128, n: i32): v128 {
  return v128.or(i32x4.shr_u(x, n), i32x4.shl(x, 32 - n));
}

// @ts-ignore: decorator
@inline export function big0(x: v128): v128 {
  return v128.xor(v128.xor(rotr4(x, 2), rotr4(x, 13)), rotr4(x, 22));
}

// @ts-ignore: decorator
@inline export function big1(x: v128): v128 {
  return v128.xor(v128.xor(rotr4(x, 6), rotr4(x, 11)), rotr4(x, 25));
}

// @ts-ignore: decorator
@inline export function small0(x: v128): v128 {
  return v128.xor(v128.xor(rotr4(x, 7), rotr4(x, 18)), i32x4.shr_u(x, 3));
}

// @ts-ignore: decorator
@inline export function small1(x: v128): v128 {
  return v128.xor(v128.xor(rotr4(x, 17), rotr4(x, 19)), i32x4.shr_u(x, 10));
}

// @ts-ignore: decorator
@inline export function ch(e: v128, f: v128, g: v128): v128 {
  return v128.bitselect(f, g, e);
}

// @ts-ignore: decorator
@inline export function maj(a: v128, b: v128, c: v128): v128 {
  return v128.bitselect(b, a, v128.xor(a, c));
}

// @ts-ignore: decorator
@inline export function add3(x: v128, y: v128, z: v128): v128 {
  return i32x4.add(i32x4.add(x, y), z);
}
