// The SM3 functions of sm3-functions.ts on four lanes (i32x4), for the SIMD build.

export function rl(x: v128, n: i32): v128 {
  return v128.or(i32x4.shl(x, n), i32x4.shr_u(x, 32 - n));
}

export function add3(x: v128, y: v128, z: v128): v128 {
  return i32x4.add(i32x4.add(x, y), z);
}

export function add4(x: v128, y: v128, z: v128, t: v128): v128 {
  return i32x4.add(i32x4.add(i32x4.add(x, y), z), t);
}

export function p0(x: v128): v128 {
  return v128.xor(v128.xor(x, rl(x, 9)), rl(x, 17));
}

export function p1(x: v128): v128 {
  return v128.xor(v128.xor(x, rl(x, 15)), rl(x, 23));
}

export function ff0(x: v128, y: v128, z: v128): v128 {
  return v128.xor(v128.xor(x, y), z);
}

export function gg0(x: v128, y: v128, z: v128): v128 {
  return v128.xor(v128.xor(x, y), z);
}

export function ff1(x: v128, y: v128, z: v128): v128 {
  return v128.or(v128.and(y, z), v128.and(x, v128.or(y, z)));
}

export function gg1(x: v128, y: v128, z: v128): v128 {
  return v128.bitselect(y, z, x);
}

