// SM3 (GB/T 32905-2016) in AssemblyScript: one-shot, streaming and 64-byte batch kernels.
import { CONTEXT, CTX_BLOCK, CTX_PENDING, CTX_STATE, CTX_TOTAL, INPUT, OUTPUT, SCHEDULE } from './buffers';
import { sm3Batch4 } from './sm3-simd';

const IV0: u32 = 0x7380166f;
const IV1: u32 = 0x4914b2b9;
const IV2: u32 = 0x172442d7;
const IV3: u32 = 0xda8a0600;
const IV4: u32 = 0xa96f30bc;
const IV5: u32 = 0x163138aa;
const IV6: u32 = 0xe38dee4d;
const IV7: u32 = 0xb0fb0e4e;

/** Chaining state of the one-shot and batch kernels (the streaming one keeps its own in CONTEXT). */
const STATE: usize = SCHEDULE + 512;
/** One or two padded final blocks of the one-shot kernel. */
const TAIL: usize = SCHEDULE + 640;

function p0(x: u32): u32 {
  return x ^ rotl<u32>(x, 9) ^ rotl<u32>(x, 17);
}
function p1(x: u32): u32 {
  return x ^ rotl<u32>(x, 15) ^ rotl<u32>(x, 23);
}
function ff0(x: u32, y: u32, z: u32): u32 {
  return x ^ y ^ z;
}
function gg0(x: u32, y: u32, z: u32): u32 {
  return x ^ y ^ z;
}
function ff1(x: u32, y: u32, z: u32): u32 {
  return (y & z) | (x & (y | z));
}
function gg1(x: u32, y: u32, z: u32): u32 {
  return z ^ (x & (y ^ z));
}

function setIv(state: usize): void {
  store<u32>(state, IV0, 0);
  store<u32>(state, IV1, 4);
  store<u32>(state, IV2, 8);
  store<u32>(state, IV3, 12);
  store<u32>(state, IV4, 16);
  store<u32>(state, IV5, 20);
  store<u32>(state, IV6, 24);
  store<u32>(state, IV7, 28);
}

function writeDigest(state: usize, out: usize): void {
  store<u32>(out, bswap<u32>(load<u32>(state, 0)), 0);
  store<u32>(out, bswap<u32>(load<u32>(state, 4)), 4);
  store<u32>(out, bswap<u32>(load<u32>(state, 8)), 8);
  store<u32>(out, bswap<u32>(load<u32>(state, 12)), 12);
  store<u32>(out, bswap<u32>(load<u32>(state, 16)), 16);
  store<u32>(out, bswap<u32>(load<u32>(state, 20)), 20);
  store<u32>(out, bswap<u32>(load<u32>(state, 24)), 24);
  store<u32>(out, bswap<u32>(load<u32>(state, 28)), 28);
}

function compress(state: usize, p: usize, blocks: i32): void {
  let a = load<u32>(state, 0);
  let b = load<u32>(state, 4);
  let c = load<u32>(state, 8);
  let d = load<u32>(state, 12);
  let e = load<u32>(state, 16);
  let f = load<u32>(state, 20);
  let g = load<u32>(state, 24);
  let h = load<u32>(state, 28);
  let x: u32, s: u32;
  do {
    const a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h;
    let w0 = bswap<u32>(load<u32>(p, 0));
    let w1 = bswap<u32>(load<u32>(p, 4));
    let w2 = bswap<u32>(load<u32>(p, 8));
    let w3 = bswap<u32>(load<u32>(p, 12));
    let w4 = bswap<u32>(load<u32>(p, 16));
    let w5 = bswap<u32>(load<u32>(p, 20));
    let w6 = bswap<u32>(load<u32>(p, 24));
    let w7 = bswap<u32>(load<u32>(p, 28));
    let w8 = bswap<u32>(load<u32>(p, 32));
    let w9 = bswap<u32>(load<u32>(p, 36));
    let w10 = bswap<u32>(load<u32>(p, 40));
    let w11 = bswap<u32>(load<u32>(p, 44));
    let w12 = bswap<u32>(load<u32>(p, 48));
    let w13 = bswap<u32>(load<u32>(p, 52));
    let w14 = bswap<u32>(load<u32>(p, 56));
    let w15 = bswap<u32>(load<u32>(p, 60));
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x79cc4519 + e, 7);
    d = d + (w0 ^ w4) + ff0(a, b, c) + (s ^ x);
    h = p0(h + w0 + gg0(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xf3988a32 + h, 7);
    c = c + (w1 ^ w5) + ff0(d, a, b) + (s ^ x);
    g = p0(g + w1 + gg0(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0xe7311465 + g, 7);
    b = b + (w2 ^ w6) + ff0(c, d, a) + (s ^ x);
    f = p0(f + w2 + gg0(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xce6228cb + f, 7);
    a = a + (w3 ^ w7) + ff0(b, c, d) + (s ^ x);
    e = p0(e + w3 + gg0(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x9cc45197 + e, 7);
    d = d + (w4 ^ w8) + ff0(a, b, c) + (s ^ x);
    h = p0(h + w4 + gg0(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x3988a32f + h, 7);
    c = c + (w5 ^ w9) + ff0(d, a, b) + (s ^ x);
    g = p0(g + w5 + gg0(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x7311465e + g, 7);
    b = b + (w6 ^ w10) + ff0(c, d, a) + (s ^ x);
    f = p0(f + w6 + gg0(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xe6228cbc + f, 7);
    a = a + (w7 ^ w11) + ff0(b, c, d) + (s ^ x);
    e = p0(e + w7 + gg0(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xcc451979 + e, 7);
    d = d + (w8 ^ w12) + ff0(a, b, c) + (s ^ x);
    h = p0(h + w8 + gg0(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x988a32f3 + h, 7);
    c = c + (w9 ^ w13) + ff0(d, a, b) + (s ^ x);
    g = p0(g + w9 + gg0(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x311465e7 + g, 7);
    b = b + (w10 ^ w14) + ff0(c, d, a) + (s ^ x);
    f = p0(f + w10 + gg0(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x6228cbce + f, 7);
    a = a + (w11 ^ w15) + ff0(b, c, d) + (s ^ x);
    e = p0(e + w11 + gg0(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w0 = p1(w0 ^ w7 ^ rotl<u32>(w13, 15)) ^ rotl<u32>(w3, 7) ^ w10;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xc451979c + e, 7);
    d = d + (w12 ^ w0) + ff0(a, b, c) + (s ^ x);
    h = p0(h + w12 + gg0(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w1 = p1(w1 ^ w8 ^ rotl<u32>(w14, 15)) ^ rotl<u32>(w4, 7) ^ w11;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x88a32f39 + h, 7);
    c = c + (w13 ^ w1) + ff0(d, a, b) + (s ^ x);
    g = p0(g + w13 + gg0(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w2 = p1(w2 ^ w9 ^ rotl<u32>(w15, 15)) ^ rotl<u32>(w5, 7) ^ w12;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x11465e73 + g, 7);
    b = b + (w14 ^ w2) + ff0(c, d, a) + (s ^ x);
    f = p0(f + w14 + gg0(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w3 = p1(w3 ^ w10 ^ rotl<u32>(w0, 15)) ^ rotl<u32>(w6, 7) ^ w13;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x228cbce6 + f, 7);
    a = a + (w15 ^ w3) + ff0(b, c, d) + (s ^ x);
    e = p0(e + w15 + gg0(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w4 = p1(w4 ^ w11 ^ rotl<u32>(w1, 15)) ^ rotl<u32>(w7, 7) ^ w14;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x9d8a7a87 + e, 7);
    d = d + (w0 ^ w4) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w0 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w5 = p1(w5 ^ w12 ^ rotl<u32>(w2, 15)) ^ rotl<u32>(w8, 7) ^ w15;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x3b14f50f + h, 7);
    c = c + (w1 ^ w5) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w1 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w6 = p1(w6 ^ w13 ^ rotl<u32>(w3, 15)) ^ rotl<u32>(w9, 7) ^ w0;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x7629ea1e + g, 7);
    b = b + (w2 ^ w6) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w2 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w7 = p1(w7 ^ w14 ^ rotl<u32>(w4, 15)) ^ rotl<u32>(w10, 7) ^ w1;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xec53d43c + f, 7);
    a = a + (w3 ^ w7) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w3 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w8 = p1(w8 ^ w15 ^ rotl<u32>(w5, 15)) ^ rotl<u32>(w11, 7) ^ w2;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xd8a7a879 + e, 7);
    d = d + (w4 ^ w8) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w4 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w9 = p1(w9 ^ w0 ^ rotl<u32>(w6, 15)) ^ rotl<u32>(w12, 7) ^ w3;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xb14f50f3 + h, 7);
    c = c + (w5 ^ w9) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w5 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w10 = p1(w10 ^ w1 ^ rotl<u32>(w7, 15)) ^ rotl<u32>(w13, 7) ^ w4;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x629ea1e7 + g, 7);
    b = b + (w6 ^ w10) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w6 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w11 = p1(w11 ^ w2 ^ rotl<u32>(w8, 15)) ^ rotl<u32>(w14, 7) ^ w5;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xc53d43ce + f, 7);
    a = a + (w7 ^ w11) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w7 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w12 = p1(w12 ^ w3 ^ rotl<u32>(w9, 15)) ^ rotl<u32>(w15, 7) ^ w6;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x8a7a879d + e, 7);
    d = d + (w8 ^ w12) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w8 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w13 = p1(w13 ^ w4 ^ rotl<u32>(w10, 15)) ^ rotl<u32>(w0, 7) ^ w7;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x14f50f3b + h, 7);
    c = c + (w9 ^ w13) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w9 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w14 = p1(w14 ^ w5 ^ rotl<u32>(w11, 15)) ^ rotl<u32>(w1, 7) ^ w8;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x29ea1e76 + g, 7);
    b = b + (w10 ^ w14) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w10 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w15 = p1(w15 ^ w6 ^ rotl<u32>(w12, 15)) ^ rotl<u32>(w2, 7) ^ w9;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x53d43cec + f, 7);
    a = a + (w11 ^ w15) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w11 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w0 = p1(w0 ^ w7 ^ rotl<u32>(w13, 15)) ^ rotl<u32>(w3, 7) ^ w10;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xa7a879d8 + e, 7);
    d = d + (w12 ^ w0) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w12 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w1 = p1(w1 ^ w8 ^ rotl<u32>(w14, 15)) ^ rotl<u32>(w4, 7) ^ w11;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x4f50f3b1 + h, 7);
    c = c + (w13 ^ w1) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w13 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w2 = p1(w2 ^ w9 ^ rotl<u32>(w15, 15)) ^ rotl<u32>(w5, 7) ^ w12;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x9ea1e762 + g, 7);
    b = b + (w14 ^ w2) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w14 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w3 = p1(w3 ^ w10 ^ rotl<u32>(w0, 15)) ^ rotl<u32>(w6, 7) ^ w13;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x3d43cec5 + f, 7);
    a = a + (w15 ^ w3) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w15 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w4 = p1(w4 ^ w11 ^ rotl<u32>(w1, 15)) ^ rotl<u32>(w7, 7) ^ w14;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x7a879d8a + e, 7);
    d = d + (w0 ^ w4) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w0 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w5 = p1(w5 ^ w12 ^ rotl<u32>(w2, 15)) ^ rotl<u32>(w8, 7) ^ w15;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xf50f3b14 + h, 7);
    c = c + (w1 ^ w5) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w1 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w6 = p1(w6 ^ w13 ^ rotl<u32>(w3, 15)) ^ rotl<u32>(w9, 7) ^ w0;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0xea1e7629 + g, 7);
    b = b + (w2 ^ w6) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w2 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w7 = p1(w7 ^ w14 ^ rotl<u32>(w4, 15)) ^ rotl<u32>(w10, 7) ^ w1;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xd43cec53 + f, 7);
    a = a + (w3 ^ w7) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w3 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w8 = p1(w8 ^ w15 ^ rotl<u32>(w5, 15)) ^ rotl<u32>(w11, 7) ^ w2;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xa879d8a7 + e, 7);
    d = d + (w4 ^ w8) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w4 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w9 = p1(w9 ^ w0 ^ rotl<u32>(w6, 15)) ^ rotl<u32>(w12, 7) ^ w3;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x50f3b14f + h, 7);
    c = c + (w5 ^ w9) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w5 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w10 = p1(w10 ^ w1 ^ rotl<u32>(w7, 15)) ^ rotl<u32>(w13, 7) ^ w4;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0xa1e7629e + g, 7);
    b = b + (w6 ^ w10) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w6 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w11 = p1(w11 ^ w2 ^ rotl<u32>(w8, 15)) ^ rotl<u32>(w14, 7) ^ w5;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x43cec53d + f, 7);
    a = a + (w7 ^ w11) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w7 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w12 = p1(w12 ^ w3 ^ rotl<u32>(w9, 15)) ^ rotl<u32>(w15, 7) ^ w6;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x879d8a7a + e, 7);
    d = d + (w8 ^ w12) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w8 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w13 = p1(w13 ^ w4 ^ rotl<u32>(w10, 15)) ^ rotl<u32>(w0, 7) ^ w7;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x0f3b14f5 + h, 7);
    c = c + (w9 ^ w13) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w9 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w14 = p1(w14 ^ w5 ^ rotl<u32>(w11, 15)) ^ rotl<u32>(w1, 7) ^ w8;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x1e7629ea + g, 7);
    b = b + (w10 ^ w14) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w10 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w15 = p1(w15 ^ w6 ^ rotl<u32>(w12, 15)) ^ rotl<u32>(w2, 7) ^ w9;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x3cec53d4 + f, 7);
    a = a + (w11 ^ w15) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w11 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w0 = p1(w0 ^ w7 ^ rotl<u32>(w13, 15)) ^ rotl<u32>(w3, 7) ^ w10;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x79d8a7a8 + e, 7);
    d = d + (w12 ^ w0) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w12 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w1 = p1(w1 ^ w8 ^ rotl<u32>(w14, 15)) ^ rotl<u32>(w4, 7) ^ w11;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xf3b14f50 + h, 7);
    c = c + (w13 ^ w1) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w13 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w2 = p1(w2 ^ w9 ^ rotl<u32>(w15, 15)) ^ rotl<u32>(w5, 7) ^ w12;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0xe7629ea1 + g, 7);
    b = b + (w14 ^ w2) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w14 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w3 = p1(w3 ^ w10 ^ rotl<u32>(w0, 15)) ^ rotl<u32>(w6, 7) ^ w13;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xcec53d43 + f, 7);
    a = a + (w15 ^ w3) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w15 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w4 = p1(w4 ^ w11 ^ rotl<u32>(w1, 15)) ^ rotl<u32>(w7, 7) ^ w14;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x9d8a7a87 + e, 7);
    d = d + (w0 ^ w4) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w0 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w5 = p1(w5 ^ w12 ^ rotl<u32>(w2, 15)) ^ rotl<u32>(w8, 7) ^ w15;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x3b14f50f + h, 7);
    c = c + (w1 ^ w5) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w1 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w6 = p1(w6 ^ w13 ^ rotl<u32>(w3, 15)) ^ rotl<u32>(w9, 7) ^ w0;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x7629ea1e + g, 7);
    b = b + (w2 ^ w6) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w2 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w7 = p1(w7 ^ w14 ^ rotl<u32>(w4, 15)) ^ rotl<u32>(w10, 7) ^ w1;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xec53d43c + f, 7);
    a = a + (w3 ^ w7) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w3 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w8 = p1(w8 ^ w15 ^ rotl<u32>(w5, 15)) ^ rotl<u32>(w11, 7) ^ w2;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xd8a7a879 + e, 7);
    d = d + (w4 ^ w8) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w4 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w9 = p1(w9 ^ w0 ^ rotl<u32>(w6, 15)) ^ rotl<u32>(w12, 7) ^ w3;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xb14f50f3 + h, 7);
    c = c + (w5 ^ w9) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w5 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w10 = p1(w10 ^ w1 ^ rotl<u32>(w7, 15)) ^ rotl<u32>(w13, 7) ^ w4;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x629ea1e7 + g, 7);
    b = b + (w6 ^ w10) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w6 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w11 = p1(w11 ^ w2 ^ rotl<u32>(w8, 15)) ^ rotl<u32>(w14, 7) ^ w5;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xc53d43ce + f, 7);
    a = a + (w7 ^ w11) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w7 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w12 = p1(w12 ^ w3 ^ rotl<u32>(w9, 15)) ^ rotl<u32>(w15, 7) ^ w6;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x8a7a879d + e, 7);
    d = d + (w8 ^ w12) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w8 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w13 = p1(w13 ^ w4 ^ rotl<u32>(w10, 15)) ^ rotl<u32>(w0, 7) ^ w7;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x14f50f3b + h, 7);
    c = c + (w9 ^ w13) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w9 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w14 = p1(w14 ^ w5 ^ rotl<u32>(w11, 15)) ^ rotl<u32>(w1, 7) ^ w8;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x29ea1e76 + g, 7);
    b = b + (w10 ^ w14) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w10 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w15 = p1(w15 ^ w6 ^ rotl<u32>(w12, 15)) ^ rotl<u32>(w2, 7) ^ w9;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x53d43cec + f, 7);
    a = a + (w11 ^ w15) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w11 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    w0 = p1(w0 ^ w7 ^ rotl<u32>(w13, 15)) ^ rotl<u32>(w3, 7) ^ w10;
    x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xa7a879d8 + e, 7);
    d = d + (w12 ^ w0) + ff1(a, b, c) + (s ^ x);
    h = p0(h + w12 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
    w1 = p1(w1 ^ w8 ^ rotl<u32>(w14, 15)) ^ rotl<u32>(w4, 7) ^ w11;
    x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x4f50f3b1 + h, 7);
    c = c + (w13 ^ w1) + ff1(d, a, b) + (s ^ x);
    g = p0(g + w13 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
    w2 = p1(w2 ^ w9 ^ rotl<u32>(w15, 15)) ^ rotl<u32>(w5, 7) ^ w12;
    x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x9ea1e762 + g, 7);
    b = b + (w14 ^ w2) + ff1(c, d, a) + (s ^ x);
    f = p0(f + w14 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
    w3 = p1(w3 ^ w10 ^ rotl<u32>(w0, 15)) ^ rotl<u32>(w6, 7) ^ w13;
    x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x3d43cec5 + f, 7);
    a = a + (w15 ^ w3) + ff1(b, c, d) + (s ^ x);
    e = p0(e + w15 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
    a ^= a0; b ^= b0; c ^= c0; d ^= d0; e ^= e0; f ^= f0; g ^= g0; h ^= h0;
    p += 64;
  } while (--blocks);
  store<u32>(state, a, 0);
  store<u32>(state, b, 4);
  store<u32>(state, c, 8);
  store<u32>(state, d, 12);
  store<u32>(state, e, 16);
  store<u32>(state, f, 20);
  store<u32>(state, g, 24);
  store<u32>(state, h, 28);
}
function compressPad64(state: usize): void {
  let a = load<u32>(state, 0);
  let b = load<u32>(state, 4);
  let c = load<u32>(state, 8);
  let d = load<u32>(state, 12);
  let e = load<u32>(state, 16);
  let f = load<u32>(state, 20);
  let g = load<u32>(state, 24);
  let h = load<u32>(state, 28);
  let x: u32, s: u32;
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x79cc4519 + e, 7);
  d = d + 0x80000000 + ff0(a, b, c) + (s ^ x);
  h = p0(h + 0x80000000 + gg0(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xf3988a32 + h, 7);
  c = c + ff0(d, a, b) + (s ^ x);
  g = p0(g + gg0(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0xe7311465 + g, 7);
  b = b + ff0(c, d, a) + (s ^ x);
  f = p0(f + gg0(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xce6228cb + f, 7);
  a = a + ff0(b, c, d) + (s ^ x);
  e = p0(e + gg0(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x9cc45197 + e, 7);
  d = d + ff0(a, b, c) + (s ^ x);
  h = p0(h + gg0(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x3988a32f + h, 7);
  c = c + ff0(d, a, b) + (s ^ x);
  g = p0(g + gg0(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x7311465e + g, 7);
  b = b + ff0(c, d, a) + (s ^ x);
  f = p0(f + gg0(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xe6228cbc + f, 7);
  a = a + ff0(b, c, d) + (s ^ x);
  e = p0(e + gg0(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xcc451979 + e, 7);
  d = d + ff0(a, b, c) + (s ^ x);
  h = p0(h + gg0(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x988a32f3 + h, 7);
  c = c + ff0(d, a, b) + (s ^ x);
  g = p0(g + gg0(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x311465e7 + g, 7);
  b = b + ff0(c, d, a) + (s ^ x);
  f = p0(f + gg0(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x6228cbce + f, 7);
  a = a + 0x00000200 + ff0(b, c, d) + (s ^ x);
  e = p0(e + gg0(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xc451979c + e, 7);
  d = d + 0x80404000 + ff0(a, b, c) + (s ^ x);
  h = p0(h + gg0(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x88a32f39 + h, 7);
  c = c + ff0(d, a, b) + (s ^ x);
  g = p0(g + gg0(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x11465e73 + g, 7);
  b = b + 0x01008080 + ff0(c, d, a) + (s ^ x);
  f = p0(f + gg0(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x228cbce6 + f, 7);
  a = a + 0x10005200 + ff0(b, c, d) + (s ^ x);
  e = p0(e + 0x00000200 + gg0(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x9d8a7a87 + e, 7);
  d = d + 0x80404000 + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0x80404000 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x3b14f50f + h, 7);
  c = c + 0x002002a0 + ff1(d, a, b) + (s ^ x);
  g = p0(g + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x7629ea1e + g, 7);
  b = b + 0xad54dc84 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0x01008080 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xec53d43c + f, 7);
  a = a + 0x10005000 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x10005000 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xd8a7a879 + e, 7);
  d = d + 0x09582a39 + ff1(a, b, c) + (s ^ x);
  h = p0(h + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xb14f50f3 + h, 7);
  c = c + 0xa02032a0 + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0x002002a0 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x629ea1e7 + g, 7);
  b = b + 0xac545c04 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0xac545c04 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xc53d43ce + f, 7);
  a = a + 0x00200280 + ff1(b, c, d) + (s ^ x);
  e = p0(e + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x8a7a879d + e, 7);
  d = d + 0xad09723d + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0x09582a39 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x14f50f3b + h, 7);
  c = c + 0x80203040 + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0xa0003000 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x29ea1e76 + g, 7);
  b = b + 0x51609838 + ff1(c, d, a) + (s ^ x);
  f = p0(f + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x53d43cec + f, 7);
  a = a + 0x30205581 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x00200280 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xa7a879d8 + e, 7);
  d = d + 0x04517804 + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0xa4515804 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x4f50f3b1 + h, 7);
  c = c + 0x20a200ea + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0x20200040 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x9ea1e762 + g, 7);
  b = b + 0x3bb5bde8 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0x51609838 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x3d43cec5 + f, 7);
  a = a + 0x3a0e5517 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x30005701 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x7a879d8a + e, 7);
  d = d + 0x10f50042 + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0xa0002000 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xf50f3b14 + h, 7);
  c = c + 0xfaf2731a + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0x008200aa + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0xea1e7629 + g, 7);
  b = b + 0x4ad525d0 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0x6ad525d0 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xd43cec53 + f, 7);
  a = a + 0x0a8c02be + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x0a0e0216 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xa879d8a7 + e, 7);
  d = d + 0xcaa105d2 + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0xb0f52042 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x50f3b14f + h, 7);
  c = c + 0xd8d273f4 + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0xfa7073b0 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0xa1e7629e + g, 7);
  b = b + 0xf5d6ebd2 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0x20000000 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x43cec53d + f, 7);
  a = a + 0x828257d9 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x008200a8 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x879d8a7a + e, 7);
  d = d + 0xf07407d0 + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0x7a542590 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x0f3b14f5 + h, 7);
  c = c + 0x968a26ee + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0x22a20044 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x1e7629ea + g, 7);
  b = b + 0x3f2ea58b + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0xd5d6ebd2 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x3cec53d4 + f, 7);
  a = a + 0xca98bd88 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x82005771 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x79d8a7a8 + e, 7);
  d = d + 0x08270a7d + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0x8a202240 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xf3b14f50 + h, 7);
  c = c + 0x5a4f5350 + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0xb42826aa + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0xe7629ea1 + g, 7);
  b = b + 0x4918aef9 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0xeaf84e59 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xcec53d43 + f, 7);
  a = a + 0xc0b0a273 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x4898eaf9 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x9d8a7a87 + e, 7);
  d = d + 0xa1b37260 + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0x8207283d + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x3b14f50f + h, 7);
  c = c + 0x8ced573e + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0xee6775fa + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x7629ea1e + g, 7);
  b = b + 0x2e8de6b5 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0xa3e0e0a0 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xec53d43c + f, 7);
  a = a + 0xb01842f4 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x8828488a + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xd8a7a879 + e, 7);
  d = d + 0xcad63ab8 + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0x23b45a5d + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0xb14f50f3 + h, 7);
  c = c + 0x49eae2e4 + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0x628a22c4 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x629ea1e7 + g, 7);
  b = b + 0xdd43d324 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0x8d6d0615 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0xc53d43ce + f, 7);
  a = a + 0xa6b786c7 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x38300a7e + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0x8a7a879d + e, 7);
  d = d + 0xc8ee581d + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0xe96260e5 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x14f50f3b + h, 7);
  c = c + 0xf7cefc97 + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0x2b60c020 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x29ea1e76 + g, 7);
  b = b + 0x7a10db3b + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0x502ed531 + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x53d43cec + f, 7);
  a = a + 0x776748d8 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0x9e878cb9 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  x = rotl<u32>(a, 12); s = rotl<u32>(x + 0xa7a879d8 + e, 7);
  d = d + 0xadb200c9 + ff1(a, b, c) + (s ^ x);
  h = p0(h + 0x218c38f8 + gg1(e, f, g) + s); b = rotl<u32>(b, 9); f = rotl<u32>(f, 19);
  x = rotl<u32>(d, 12); s = rotl<u32>(x + 0x4f50f3b1 + h, 7);
  c = c + 0x98049e9f + ff1(d, a, b) + (s ^ x);
  g = p0(g + 0xdcae3cb7 + gg1(h, e, f) + s); a = rotl<u32>(a, 9); e = rotl<u32>(e, 19);
  x = rotl<u32>(c, 12); s = rotl<u32>(x + 0x9ea1e762 + g, 7);
  b = b + 0xf65ead81 + ff1(c, d, a) + (s ^ x);
  f = p0(f + 0x2a3e0e0a + gg1(g, h, e) + s); d = rotl<u32>(d, 9); h = rotl<u32>(h, 19);
  x = rotl<u32>(b, 12); s = rotl<u32>(x + 0x3d43cec5 + f, 7);
  a = a + 0xb863c496 + ff1(b, c, d) + (s ^ x);
  e = p0(e + 0xe9e0c461 + gg1(f, g, h) + s); c = rotl<u32>(c, 9); g = rotl<u32>(g, 19);
  store<u32>(state, a ^ load<u32>(state, 0), 0);
  store<u32>(state, b ^ load<u32>(state, 4), 4);
  store<u32>(state, c ^ load<u32>(state, 8), 8);
  store<u32>(state, d ^ load<u32>(state, 12), 12);
  store<u32>(state, e ^ load<u32>(state, 16), 16);
  store<u32>(state, f ^ load<u32>(state, 20), 20);
  store<u32>(state, g ^ load<u32>(state, 24), 24);
  store<u32>(state, h ^ load<u32>(state, 28), 28);
}


/** Hashes `length` bytes at `p` (length <= 65536) into STATE and writes the digest to `out`. */
function digest(p: usize, length: i32, out: usize): void {
  setIv(STATE);
  const blocks = length >>> 6;
  if (blocks) compress(STATE, p, blocks);
  const rest = length & 63;
  if (length == 64) {
    compressPad64(STATE);
  } else {
    memory.copy(TAIL, p + (<usize>blocks << 6), rest);
    store<u8>(TAIL + rest, 0x80);
    const end: i32 = rest < 56 ? 64 : 128;
    memory.fill(TAIL + rest + 1, 0, end - 8 - rest - 1);
    store<u64>(TAIL + end - 8, bswap<u64>(<u64>length << 3));
    compress(STATE, TAIL, end >>> 6);
  }
  writeDigest(STATE, out);
}

export function sm3Digest(length: i32): void {
  digest(INPUT, length, OUTPUT);
}

export function sm3Init(): void {
  setIv(CONTEXT + CTX_STATE);
  store<u64>(CONTEXT + CTX_TOTAL, 0);
  store<u32>(CONTEXT + CTX_PENDING, 0);
}

export function sm3Update(length: i32): void {
  const state = CONTEXT + CTX_STATE;
  const block = CONTEXT + CTX_BLOCK;
  let p = INPUT;
  let n = length;
  store<u64>(CONTEXT + CTX_TOTAL, load<u64>(CONTEXT + CTX_TOTAL) + <u64>n);
  let pending = load<i32>(CONTEXT + CTX_PENDING);
  if (pending) {
    const take = min(64 - pending, n);
    memory.copy(block + pending, p, take);
    pending += take;
    p += take;
    n -= take;
    if (pending < 64) {
      store<i32>(CONTEXT + CTX_PENDING, pending);
      return;
    }
    compress(state, block, 1);
  }
  const blocks = n >>> 6;
  if (blocks) compress(state, p, blocks);
  n &= 63;
  memory.copy(block, p + (<usize>blocks << 6), n);
  store<i32>(CONTEXT + CTX_PENDING, n);
}

export function sm3Final(): void {
  const state = CONTEXT + CTX_STATE;
  const block = CONTEXT + CTX_BLOCK;
  const pending = load<i32>(CONTEXT + CTX_PENDING);
  store<u8>(block + pending, 0x80);
  memory.fill(block + pending + 1, 0, 63 - pending);
  if (pending >= 56) {
    compress(state, block, 1);
    memory.fill(block, 0, 56);
  }
  store<u64>(block + 56, bswap<u64>(load<u64>(CONTEXT + CTX_TOTAL) << 3));
  compress(state, block, 1);
  writeDigest(state, OUTPUT);
}

export function sm3Batch64(count: i32): void {
  let p = INPUT;
  let out = OUTPUT;
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + 4 <= count; i += 4) {
      sm3Batch4(p, out);
      p += 256;
      out += 128;
    }
  }
  for (; i < count; i++) {
    setIv(STATE);
    compress(STATE, p, 1);
    compressPad64(STATE);
    writeDigest(STATE, out);
    p += 64;
    out += 32;
  }
}
