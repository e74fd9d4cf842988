// Checkpoints: a failed transaction's writes roll back.
//
// Nodes carry the generation that created them. A checkpoint opens a frame with a fresh
// generation and remembers the root; from then on a node of an older generation is never changed
// in place: `writable` copies it (path copying) and `drop` only records it, because the tree of
// the saved root still uses it. Nodes of the frame's own generation (or of inner frames already
// committed into it) are changed in place and freed at once when dropped.
//   revert: frees the current tree's nodes of the frame's generation or newer and restores the
//           saved root; the recorded old nodes are live again.
//   commit: the recorded old nodes that belong to the parent frame are now garbage and freed;
//           older ones are still used by an outer frame's saved root and move to its record.
// Generations only grow (one counter for all tries), so "mutable" is just gen >= topGen.
import { alloc, free } from './alloc';
import {
  allocBlob,
  blobOf,
  blobSize,
  BRANCH,
  childAt,
  cur,
  DIRTY,
  epoch,
  EXT,
  freeNode,
  kindOf,
  N_ACCESS,
  N_BLOB,
  N_CHILD,
  N_FLAGS,
  N_GEN,
  NODE_BYTES,
  setTopGen,
  T_FRAMECAP,
  T_FRAMECOUNT,
  T_FRAMES,
  T_NODES,
  T_ROOT,
  topGen,
} from './node';

const F_ROOT: usize = 0;
const F_GEN: usize = 4;
const F_LIST: usize = 8;
const F_LEN: usize = 12;
const F_CAP: usize = 16;
const FRAME_BYTES: usize = 32;

let nextGen: u32 = 1;

function frameAt(index: usize): usize {
  return <usize>load<u32>(cur, T_FRAMES) + index * FRAME_BYTES;
}

function topFrame(): usize {
  return frameAt(<usize>load<u32>(cur, T_FRAMECOUNT) - 1);
}

function pushRecord(frame: usize, node: usize): void {
  let len = <usize>load<u32>(frame, F_LEN);
  let cap = <usize>load<u32>(frame, F_CAP);
  let list = <usize>load<u32>(frame, F_LIST);
  if (len == cap) {
    const grown: usize = cap == 0 ? 16 : cap << 1;
    const bigger = alloc(grown << 2);
    memory.copy(bigger, list, len << 2);
    free(list, cap << 2);
    list = bigger;
    cap = grown;
    store<u32>(frame, <u32>list, F_LIST);
    store<u32>(frame, <u32>cap, F_CAP);
  }
  store<u32>(list + (len << 2), <u32>node);
  store<u32>(frame, <u32>(len + 1), F_LEN);
}

/**
 * The node, ready to be changed and marked dirty: itself if it belongs to the current frame,
 * else a copy (the original stays in the saved tree and is recorded).
 */
export function writable(node: usize): usize {
  if (load<u32>(node, N_GEN) >= topGen) {
    store<u8>(node, load<u8>(node, N_FLAGS) | DIRTY, N_FLAGS);
    store<u32>(node, epoch, N_ACCESS);
    return node;
  }
  const copy = alloc(NODE_BYTES);
  memory.copy(copy, node, NODE_BYTES);
  store<u32>(cur, load<u32>(cur, T_NODES) + 1, T_NODES);
  const size = blobSize(node);
  if (size > 0) {
    const blob = allocBlob(size);
    memory.copy(blob, blobOf(node), size);
    store<u32>(copy, <u32>blob, N_BLOB);
  }
  store<u32>(copy, topGen, N_GEN);
  store<u32>(copy, epoch, N_ACCESS);
  store<u8>(copy, DIRTY, N_FLAGS);
  pushRecord(topFrame(), node);
  return copy;
}

/** The node leaves the current tree: freed now if it is the current frame's, else recorded. */
export function drop(node: usize): void {
  if (load<u32>(node, N_GEN) >= topGen) freeNode(node);
  else pushRecord(topFrame(), node);
}

export function checkpointDepth(): i32 {
  return load<i32>(cur, T_FRAMECOUNT);
}

export function openCheckpoint(): void {
  const count = <usize>load<u32>(cur, T_FRAMECOUNT);
  const cap = <usize>load<u32>(cur, T_FRAMECAP);
  if (count == cap) {
    const grown: usize = cap == 0 ? 4 : cap << 1;
    const frames = alloc(grown * FRAME_BYTES);
    const old = <usize>load<u32>(cur, T_FRAMES);
    memory.copy(frames, old, count * FRAME_BYTES);
    free(old, cap * FRAME_BYTES);
    store<u32>(cur, <u32>frames, T_FRAMES);
    store<u32>(cur, <u32>grown, T_FRAMECAP);
  }
  store<u32>(cur, <u32>(count + 1), T_FRAMECOUNT);
  const frame = frameAt(count);
  const gen = nextGen++;
  store<u32>(frame, load<u32>(cur, T_ROOT), F_ROOT);
  store<u32>(frame, gen, F_GEN);
  store<u32>(frame, 0, F_LIST);
  store<u32>(frame, 0, F_LEN);
  store<u32>(frame, 0, F_CAP);
  setTopGen(gen);
}

function popFrame(): void {
  const count = <usize>load<u32>(cur, T_FRAMECOUNT) - 1;
  store<u32>(cur, <u32>count, T_FRAMECOUNT);
  setTopGen(count == 0 ? 0 : load<u32>(frameAt(count - 1), F_GEN));
}

/** Folds the innermost checkpoint into its parent (or into the trie). */
export function commitCheckpoint(): void {
  const frame = topFrame();
  const list = <usize>load<u32>(frame, F_LIST);
  const len = <usize>load<u32>(frame, F_LEN);
  popFrame();
  const count = <usize>load<u32>(cur, T_FRAMECOUNT);
  const parent: usize = count == 0 ? 0 : frameAt(count - 1);
  for (let i: usize = 0; i < len; i++) {
    const node = <usize>load<u32>(list + (i << 2));
    if (load<u32>(node, N_GEN) >= topGen) freeNode(node);
    else pushRecord(parent, node);
  }
  free(list, <usize>load<u32>(frame, F_CAP) << 2);
}

/** Frees the nodes of generation >= gen in the tree at `node` (older subtrees are shared). */
function freeNewer(node: usize, gen: u32): void {
  if (node == 0 || load<u32>(node, N_GEN) < gen) return;
  const kind = kindOf(node);
  if (kind == BRANCH) {
    for (let i: usize = 0; i < 16; i++) freeNewer(childAt(node, i), gen);
  } else if (kind == EXT) {
    freeNewer(<usize>load<u32>(node, N_CHILD), gen);
  }
  freeNode(node);
}

/** Discards everything since the innermost checkpoint. */
export function revertCheckpoint(): void {
  const frame = topFrame();
  const gen = load<u32>(frame, F_GEN);
  freeNewer(<usize>load<u32>(cur, T_ROOT), gen);
  store<u32>(cur, load<u32>(frame, F_ROOT), T_ROOT);
  free(<usize>load<u32>(frame, F_LIST), <usize>load<u32>(frame, F_CAP) << 2);
  popFrame();
}
