// Writes the multiplication and squaring of GF(2^255 - 19) for assembly/ed25519 with every limb
// product spelled out. A field element is ten signed limbs in radix 2^25.5 (the ref10 layout):
// limb i holds bits [OFFSET[i], OFFSET[i + 1]), 26 bits for even i and 25 for odd i. Products
// are accumulated in i64 (Wasm has no 64x64 -> 128 multiply, so this radix is what fits).
//
// The generator also proves the sums cannot overflow: it bounds every accumulator for inputs
// whose limbs are at most MAX_INPUT_FACTOR times a fully carried limb, and throws if any bound
// reaches 2^63. Callers may therefore feed a multiplication sums of up to that many carried
// elements (see assembly/ed25519/field.ts).

/** Bit offset of each limb; OFFSET[10] = 255. */
const OFFSET = Array.from({ length: 11 }, (_, i) => 26 * Math.ceil(i / 2) + 25 * Math.floor(i / 2));
const width = (i: number): number => (OFFSET[i + 1] as number) - (OFFSET[i] as number);

/** A carried limb is below 2^(width - 1) * 1.01 in magnitude; inputs may be this many times that. */
export const MAX_INPUT_FACTOR = 4;
const CARRIED = 1.01;

/** Coefficient of f_i * g_j in output limb (i + j) mod 10: 2 for two odd limbs, 19 on wrap-around. */
function coefficient(i: number, j: number): number {
  const k = i + j;
  const extraBits =
    (OFFSET[i] as number) +
    (OFFSET[j] as number) -
    (OFFSET[k % 10] as number) -
    (k >= 10 ? 255 : 0);
  return 2 ** extraBits * (k >= 10 ? 19 : 1);
}

type Term = { i: number; j: number; factor: number };

/** The terms of each output limb; a square keeps i <= j and doubles the cross terms. */
function terms(square: boolean): Term[][] {
  const out: Term[][] = Array.from({ length: 10 }, () => []);
  for (let i = 0; i < 10; i++) {
    for (let j = square ? i : 0; j < 10; j++) {
      const factor = coefficient(i, j) * (square && i !== j ? 2 : 1);
      out[(i + j) % 10]?.push({ i, j, factor });
    }
  }
  return out;
}

/** Splits a constant factor between the two operands: left takes 1, 2 or 4, right 1, 19 or 38. */
function split(factor: number): [number, number] {
  for (const right of [1, 19, 38]) {
    const left = factor / right;
    if (left === 1 || left === 2 || left === 4) return [left, right];
  }
  throw new Error(`cannot split factor ${factor}`);
}

function assertNoOverflow(limbTerms: Term[][], outputScale: number): void {
  limbTerms.forEach((list, k) => {
    let bound = 0;
    for (const { i, j, factor } of list) {
      const bi = MAX_INPUT_FACTOR * CARRIED * 2 ** (width(i) - 1);
      const bj = MAX_INPUT_FACTOR * CARRIED * 2 ** (width(j) - 1);
      bound += bi * bj * factor;
    }
    // The carry chain adds at most a carry of 2^38 to a limb before shifting.
    if (bound * outputScale + 2 ** 40 >= 2 ** 63) {
      throw new Error(`field product limb ${k} may overflow: bound 2^${Math.log2(bound)}`);
    }
  });
}

const name = (v: string, index: number, multiple: number): string =>
  multiple === 1 ? `${v}${index}` : `${v}${index}_${multiple}`;

/**
 * x * m by shifts and additions: V8 turns a multiplication by 19 or 38 into an imul, and the one
 * integer multiplier is what a field product waits on (100 limb products already use it).
 */
function multiple(x: string, m: number): string {
  const terms = [...m.toString(2)]
    .reverse()
    .flatMap((bit, shift) => (bit === '1' ? [shift === 0 ? x : `(${x} << ${shift})`] : []));
  return terms.join(' + ');
}

/** Declarations of the loaded limbs and of the multiples the terms use. */
function operands(v: string, pointer: string, multiples: Map<number, Set<number>>): string {
  let code = '';
  for (let i = 0; i < 10; i++) code += `  const ${v}${i}: i64 = load<i32>(${pointer}, ${4 * i});\n`;
  for (const [i, set] of multiples) {
    for (const m of [...set].sort((a, b) => a - b)) {
      if (m !== 1) code += `  const ${name(v, i, m)}: i64 = ${multiple(`${v}${i}`, m)};\n`;
    }
  }
  return code;
}

function use(multiples: Map<number, Set<number>>, index: number, m: number): void {
  if (!multiples.has(index)) multiples.set(index, new Set());
  multiples.get(index)?.add(m);
}

/** ref10's carry order: two interleaved chains, so both halves of the limbs settle in parallel. */
function carryChain(): string {
  const step = (i: number): string => {
    const w = width(i);
    const next = (i + 1) % 10;
    const into = next === 0 ? `h0 += c${i} * 19;` : `h${next} += c${i};`;
    return `  c${i} = (h${i} + ${2 ** (w - 1)}) >> ${w}; ${into} h${i} -= c${i} << ${w};\n`;
  };
  const order = [0, 4, 1, 5, 2, 6, 3, 7, 4, 8, 9, 0];
  return `  let ${Array.from({ length: 10 }, (_, i) => `c${i}: i64`).join(', ')};\n${order.map(step).join('')}`;
}

function store(): string {
  return Array.from({ length: 10 }, (_, i) => `  store<i32>(h, <i32>h${i}, ${4 * i});\n`).join('');
}

function generateProduct(fn: string, doc: string, square: boolean, double: boolean): string {
  const limbTerms = terms(square);
  assertNoOverflow(limbTerms, double ? 2 : 1);
  const left = new Map<number, Set<number>>();
  const right = new Map<number, Set<number>>();
  const sums = limbTerms.map((list, k) => {
    const parts = list.map(({ i, j, factor }) => {
      const [a, b] = split(factor);
      use(left, i, a);
      use(right, j, b);
      return `${name('f', i, a)} * ${name(square ? 'f' : 'g', j, b)}`;
    });
    const sum = `  let h${k}: i64 = ${parts.join(' + ')};\n`;
    return double ? `${sum}  h${k} += h${k};\n` : sum;
  });
  let declarations: string;
  if (square) {
    const merged = new Map(left);
    for (const [i, set] of right) for (const m of set) use(merged, i, m);
    declarations = operands('f', 'f', merged);
  } else {
    declarations = operands('f', 'f', left) + operands('g', 'g', right);
  }
  const params = square ? 'h: usize, f: usize' : 'h: usize, f: usize, g: usize';
  return `/** ${doc} */\nexport function ${fn}(${params}): void {\n${declarations}${sums.join('')}${carryChain()}${store()}}\n`;
}

export function generateEd25519Field(): string {
  return `// Generated by scripts/wasm-codegen/ed25519-field.ts. Do not edit.
// Field elements: ten i32 limbs in radix 2^25.5 at a pointer (40 bytes). Outputs are carried:
// |limb| <= 1.01 * 2^25 for even limbs, 1.01 * 2^24 for odd ones. Inputs may be sums of up to
// ${MAX_INPUT_FACTOR} carried elements (the generator checked the i64 accumulators for that bound).

${generateProduct('feMul', 'h = f * g.', false, false)}
${generateProduct('feSq', 'h = f * f.', true, false)}
${generateProduct('feSq2', 'h = 2 * f * f.', true, true)}`;
}

// ---------------------------------------------------------------------------------------------
// Two products at once in the SIMD build: lane 0 computes h = f * g, lane 1 hb = fb * gb. Limb
// pairs are i32 lanes multiplied by i64x2.extmul_low_i32x4_s (two 32 x 32 -> 64 products per
// instruction). The multiples 19 g must fit in i32, so operands are held to MAX_SIMD_FACTOR
// carried elements.

export const MAX_SIMD_FACTOR = 3;

function splitSimd(factor: number): [number, number] {
  for (const right of [1, 19]) {
    const left = factor / right;
    if (left === 1 || left === 2 || left === 4) return [left, right];
  }
  throw new Error(`cannot split factor ${factor}`);
}

function assertSimdBounds(): void {
  const limb = MAX_SIMD_FACTOR * CARRIED * 2 ** 25; // the widest (even) limb
  if (limb * 19 >= 2 ** 31 || limb * 4 >= 2 ** 31) throw new Error('SIMD multiples overflow i32');
}

function simdOperands(
  v: string,
  p1: string,
  p2: string,
  multiples: Map<number, Set<number>>,
): string {
  let code = '';
  for (let i = 0; i < 10; i++) {
    code += `  const ${v}${i} = v128.load32_lane(${p2}, v128.load32_zero(${p1}, ${4 * i}), 1, ${4 * i});\n`;
  }
  for (const [i, set] of multiples) {
    for (const m of [...set].sort((a, b) => a - b)) {
      if (m === 1) continue;
      const value =
        m === 2
          ? `i32x4.shl(${v}${i}, 1)`
          : m === 4
            ? `i32x4.shl(${v}${i}, 2)`
            : `i32x4.mul(${v}${i}, i32x4.splat(19))`;
      code += `  const ${name(v, i, m)} = ${value};\n`;
    }
  }
  return code;
}

function simdCarryChain(): string {
  const step = (i: number): string => {
    const w = width(i);
    const next = (i + 1) % 10;
    const c = `c${i}`;
    const carried = `${c} = i64x2.shr_s(i64x2.add(h${i}, i64x2.splat(${2 ** (w - 1)})), ${w});`;
    const into =
      next === 0
        ? `h0 = i64x2.add(h0, i64x2.add(i64x2.add(i64x2.shl(${c}, 4), i64x2.shl(${c}, 1)), ${c}));`
        : `h${next} = i64x2.add(h${next}, ${c});`;
    return `  ${carried} ${into} h${i} = i64x2.sub(h${i}, i64x2.shl(${c}, ${w}));\n`;
  };
  const order = [0, 4, 1, 5, 2, 6, 3, 7, 4, 8, 9, 0];
  return `  let ${Array.from({ length: 10 }, (_, i) => `c${i}: v128`).join(', ')};\n${order.map(step).join('')}`;
}

function simdStore(): string {
  return Array.from(
    { length: 10 },
    (_, i) =>
      `  v128.store32_lane(h, h${i}, 0, ${4 * i});\n  v128.store32_lane(hb, h${i}, 2, ${4 * i});\n`,
  ).join('');
}

/** Doubling of the accumulators: none, both lanes, or lane 1 only (h = f^2, hb = 2 fb^2). */
type Doubling = 'none' | 'both' | 'second';

function generatePair(fn: string, doc: string, square: boolean, doubling: Doubling): string {
  assertSimdBounds();
  const limbTerms = terms(square);
  const left = new Map<number, Set<number>>();
  const right = new Map<number, Set<number>>();
  const sums = limbTerms.map((list, k) => {
    const products = list.map(({ i, j, factor }) => {
      const [a, b] = splitSimd(factor);
      use(left, i, a);
      use(right, j, b);
      return `i64x2.extmul_low_i32x4_s(${name('f', i, a)}, ${name(square ? 'f' : 'g', j, b)})`;
    });
    let code = `  let h${k} = ${products[0]};\n`;
    for (const product of products.slice(1)) code += `  h${k} = i64x2.add(h${k}, ${product});\n`;
    if (doubling === 'both') return `${code}  h${k} = i64x2.add(h${k}, h${k});\n`;
    if (doubling === 'second') {
      return `${code}  h${k} = i64x2.add(h${k}, v128.and(h${k}, i64x2(0, -1)));\n`;
    }
    return code;
  });
  let declarations: string;
  if (square) {
    const merged = new Map(left);
    for (const [i, set] of right) for (const m of set) use(merged, i, m);
    declarations = simdOperands('f', 'f', 'fb', merged);
  } else {
    declarations = simdOperands('f', 'f', 'fb', left) + simdOperands('g', 'g', 'gb', right);
  }
  const params = square
    ? 'h: usize, f: usize, hb: usize, fb: usize'
    : 'h: usize, f: usize, g: usize, hb: usize, fb: usize, gb: usize';
  return `/** ${doc} */\nexport function ${fn}(${params}): void {\n${declarations}${sums.join('')}${simdCarryChain()}${simdStore()}}\n`;
}

export function generateEd25519FieldPairs(): string {
  return `// Generated by scripts/wasm-codegen/ed25519-field.ts. Do not edit.
// Two field products at once in i64x2 lanes (SIMD build only). Inputs: sums of up to
// ${MAX_SIMD_FACTOR} carried elements (so that 19 times a limb fits in an i32 lane).

${generatePair('feMulPair', 'h = f * g and hb = fb * gb.', false, 'none')}
${generatePair('feSqPair', 'h = f * f and hb = fb * fb.', true, 'none')}
${generatePair('feSqSq2Pair', 'h = f * f and hb = 2 fb * fb.', true, 'second')}`;
}
