// put and delete on the nodes of one path, with path copying under checkpoints (checkpoint.ts).
//
// Updates never meet an unloaded node: `prepare` walks the key's path first and reports the
// first HASH stub that the update would need (the nodes on the path and, for a delete that
// collapses a branch, the branch's last remaining child). The bindings load it and call again.
import { drop, writable } from './checkpoint';
import { KEY, keyNibbles, matchLength } from './key';
import {
  allocBlob,
  BRANCH,
  blobOf,
  childAt,
  EXT,
  epoch,
  freeBlob,
  HASH,
  kindOf,
  LEAF,
  N_ACCESS,
  N_BLOB,
  N_CHILD,
  N_PATHLEN,
  N_VALUELEN,
  newExt,
  newLeaf,
  newNode,
  pathLenOf,
  setChild,
  valueLenOf,
} from './node';

/** Set by insert and remove when they changed something below the node they return. */
let changed = false;
let valuePtr: usize = 0;
let valueLen: usize = 0;
const NIBBLE: usize = memory.data(16, 16);

// @ts-ignore: decorator
@inline function touch(node: usize): void {
  store<u32>(node, epoch, N_ACCESS);
}

function sameValue(at: usize, len: usize): bool {
  return len == valueLen && memory.compare(at, valuePtr, len) == 0;
}

/** Replaces the value of a leaf or branch that `writable` returned. */
function setValue(node: usize, value: usize, len: usize): void {
  const leaf = kindOf(node) == LEAF;
  const pathLen = leaf ? pathLenOf(node) : 0;
  const old = blobOf(node);
  const oldSize = pathLen + valueLenOf(node);
  const blob = allocBlob(pathLen + len);
  memory.copy(blob, old, pathLen);
  memory.copy(blob + pathLen, value, len);
  freeBlob(old, oldSize);
  store<u32>(node, <u32>blob, N_BLOB);
  store<u32>(node, <u32>len, N_VALUELEN);
}

/** Removes the first `cut` nibbles of the path of a leaf or extension from `writable`. */
function cutPath(node: usize, cut: usize): void {
  const pathLen = pathLenOf(node);
  const tail = kindOf(node) == LEAF ? valueLenOf(node) : 0;
  const old = blobOf(node);
  const blob = allocBlob(pathLen - cut + tail);
  memory.copy(blob, old + cut, pathLen - cut + tail);
  freeBlob(old, pathLen + tail);
  store<u32>(node, <u32>blob, N_BLOB);
  store<u32>(node, <u32>(pathLen - cut), N_PATHLEN);
}

/** Puts `len` nibbles at `prefix` in front of the path of a leaf or extension from `writable`. */
function prependPath(node: usize, prefix: usize, len: usize): void {
  const pathLen = pathLenOf(node);
  const tail = kindOf(node) == LEAF ? valueLenOf(node) : 0;
  const old = blobOf(node);
  const blob = allocBlob(len + pathLen + tail);
  memory.copy(blob, prefix, len);
  memory.copy(blob + len, old, pathLen + tail);
  freeBlob(old, pathLen + tail);
  store<u32>(node, <u32>blob, N_BLOB);
  store<u32>(node, <u32>(len + pathLen), N_PATHLEN);
}

/** Sets the key's value under `node` (KEY from nibble `pos`); returns the new subtree. */
function insert(node: usize, pos: usize): usize {
  if (node == 0) {
    changed = true;
    return newLeaf(KEY + pos, keyNibbles - pos, valuePtr, valueLen);
  }
  touch(node);
  const kind = kindOf(node);
  if (kind == BRANCH) {
    if (pos == keyNibbles) {
      if (sameValue(blobOf(node), valueLenOf(node))) return node;
      const n = writable(node);
      setValue(n, valuePtr, valueLen);
      changed = true;
      return n;
    }
    const nibble = <usize>load<u8>(KEY + pos);
    const child = insert(childAt(node, nibble), pos + 1);
    if (!changed) return node;
    const n = writable(node);
    setChild(n, nibble, child);
    return n;
  }
  const path = blobOf(node);
  const pathLen = pathLenOf(node);
  const common = matchLength(path, pathLen, pos);
  if (kind == LEAF) {
    if (common == pathLen && pos + common == keyNibbles) {
      if (sameValue(path + pathLen, valueLenOf(node))) return node;
      const n = writable(node);
      setValue(n, valuePtr, valueLen);
      changed = true;
      return n;
    }
  } else if (common == pathLen) {
    const child = insert(<usize>load<u32>(node, N_CHILD), pos + pathLen);
    if (!changed) return node;
    const n = writable(node);
    store<u32>(n, <u32>child, N_CHILD);
    return n;
  }
  // The key leaves the node's path after `common` nibbles: a branch goes there.
  changed = true;
  const branch = newNode(BRANCH);
  if (kind == LEAF && common == pathLen) {
    // The leaf's key is a prefix of the new key: its value moves into the branch.
    setValue(branch, path + pathLen, valueLenOf(node));
    drop(node);
  } else {
    const nibble = <usize>load<u8>(path + common);
    if (kind == EXT && common + 1 == pathLen) {
      setChild(branch, nibble, <usize>load<u32>(node, N_CHILD));
      drop(node);
    } else {
      const rest = writable(node);
      cutPath(rest, common + 1);
      setChild(branch, nibble, rest);
    }
  }
  const at = pos + common;
  if (at == keyNibbles) {
    setValue(branch, valuePtr, valueLen);
  } else {
    const leaf = newLeaf(KEY + at + 1, keyNibbles - at - 1, valuePtr, valueLen);
    setChild(branch, <usize>load<u8>(KEY + at), leaf);
  }
  return common > 0 ? newExt(KEY + pos, common, branch) : branch;
}

/** A branch that just lost an entry, made canonical again (it may collapse). */
function normalize(branch: usize): usize {
  let count = 0;
  let only: usize = 0;
  for (let i: usize = 0; i < 16; i++) {
    if (childAt(branch, i) != 0) {
      count++;
      only = i;
    }
  }
  const hasValue = valueLenOf(branch) != 0;
  if (count >= 2 || (count == 1 && hasValue)) return branch;
  if (count == 0) {
    if (!hasValue) {
      drop(branch);
      return 0;
    }
    const leaf = newLeaf(NIBBLE, 0, blobOf(branch), valueLenOf(branch));
    drop(branch);
    return leaf;
  }
  const child = childAt(branch, only);
  const kind = kindOf(child);
  store<u8>(NIBBLE, <u8>only);
  if (kind == BRANCH) {
    const ext = newExt(NIBBLE, 1, child);
    drop(branch);
    return ext;
  }
  // `prepare` has loaded the child: a stub here would be a bug.
  if (kind == HASH) unreachable();
  const merged = writable(child);
  prependPath(merged, NIBBLE, 1);
  drop(branch);
  return merged;
}

/** Deletes the key under `node`; returns the new subtree (0 when it became empty). */
function remove(node: usize, pos: usize): usize {
  if (node == 0) return 0;
  touch(node);
  const kind = kindOf(node);
  if (kind == BRANCH) {
    let n: usize;
    if (pos == keyNibbles) {
      if (valueLenOf(node) == 0) return node;
      n = writable(node);
      setValue(n, 0, 0);
      changed = true;
    } else {
      const nibble = <usize>load<u8>(KEY + pos);
      const child = childAt(node, nibble);
      if (child == 0) return node;
      const c = remove(child, pos + 1);
      if (!changed) return node;
      n = writable(node);
      setChild(n, nibble, c);
    }
    return normalize(n);
  }
  const path = blobOf(node);
  const pathLen = pathLenOf(node);
  const common = matchLength(path, pathLen, pos);
  if (common != pathLen) return node;
  if (kind == LEAF) {
    if (pos + pathLen != keyNibbles) return node;
    changed = true;
    drop(node);
    return 0;
  }
  const c = remove(<usize>load<u32>(node, N_CHILD), pos + pathLen);
  if (!changed) return node;
  if (c == 0) {
    drop(node);
    return 0;
  }
  if (kindOf(c) == BRANCH) {
    const n = writable(node);
    store<u32>(n, <u32>c, N_CHILD);
    return n;
  }
  // The branch below collapsed into a leaf or an extension: join the paths.
  const merged = writable(c);
  prependPath(merged, path, pathLen);
  drop(node);
  return merged;
}

/** The remaining child of `branch` if removing entry `removed` (16: the value) leaves only it. */
function lastChild(branch: usize, removed: usize): usize {
  if (removed != 16 && valueLenOf(branch) != 0) return 0;
  let count = 0;
  let only: usize = 0;
  for (let i: usize = 0; i < 16; i++) {
    const child = childAt(branch, i);
    if (i != removed && child != 0) {
      count++;
      only = child;
    }
  }
  return count == 1 ? only : 0;
}

/**
 * The first unloaded node that an update of KEY (a delete if `del`) needs under `root`, or 0
 * when everything it needs is in memory.
 */
export function prepare(root: usize, del: bool): usize {
  let node = root;
  let pos: usize = 0;
  let parent: usize = 0;
  let slot: usize = 0;
  while (node != 0) {
    const kind = kindOf(node);
    if (kind == HASH) return node;
    touch(node);
    if (kind == BRANCH) {
      if (pos == keyNibbles) {
        if (!del || valueLenOf(node) == 0) return 0;
        const last = lastChild(node, 16);
        return last != 0 && kindOf(last) == HASH ? last : 0;
      }
      parent = node;
      slot = <usize>load<u8>(KEY + pos);
      node = childAt(node, slot);
      pos++;
      continue;
    }
    const pathLen = pathLenOf(node);
    if (matchLength(blobOf(node), pathLen, pos) != pathLen) return 0;
    if (kind == EXT) {
      node = <usize>load<u32>(node, N_CHILD);
      pos += pathLen;
      continue;
    }
    if (!del || pos + pathLen != keyNibbles || parent == 0) return 0;
    const last = lastChild(parent, slot);
    return last != 0 && kindOf(last) == HASH ? last : 0;
  }
  return 0;
}

/** Puts KEY -> (`len` bytes at `value`), or deletes KEY when `len` is 0; returns the new root. */
export function update(root: usize, value: usize, len: usize): usize {
  changed = false;
  valuePtr = value;
  valueLen = len;
  return len == 0 ? remove(root, 0) : insert(root, 0);
}
