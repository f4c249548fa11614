package term

import (
	"math/bits"
	"unsafe"
)

// The trie behind maps of more than FlatMax keys: BEAM's hashmap, a hash
// array mapped trie with 16-way nodes indexed by successive 4-bit slices of
// the key's hash, lowest bits first. Its shape depends only on the set of
// keys, so walking children in index order gives BEAM's iteration order.
//
// Nodes are never modified once shared: an update copies the nodes on one
// path and shares the rest. A child is one pointer (to an hleaf or an
// hnode, told apart by the node's leaves mask), as in BEAM, so copying a
// full node moves 128 bytes; leaves are shared between versions. With
// 40-byte inline slots instead, building a 200,000-key map one put at a
// time allocated 3.7 KB a put and took 4 times as long (docs/rationale.md).

// hleaf is one key and its value.
type hleaf struct {
	key, val Term
	hash     uint32 // mapKeyHash(key)
}

// hnode is a trie node. bitmap has bit i set when the child for hash slice
// i is present, and leaves has it set when that child is an *hleaf rather
// than an *hnode; kids holds the present children in index order. size
// counts the leaves below, so an iterator can skip whole subtrees. A
// collision node (coll) holds leaves only, in no particular order.
type hnode struct {
	bitmap, leaves uint16
	coll           bool
	size           int
	kids           []unsafe.Pointer
}

// collisionLevel is where the trie gives up splitting keys by hash and
// keeps them in a bucket: 64 levels is eight rehashes of 32 bits, which
// distinct keys never exhaust unless the stand-in hashes for atoms, funs
// and the like collide.
const collisionLevel = 64

// levelIndex is the 4-bit slice of k's hash that picks its child at level
// lvl. Past 32 bits BEAM rehashes the key with the level as salt.
func levelIndex(k Term, h uint32, lvl int) uint {
	if lvl >= 8 {
		h = internalHash(k, uint32(lvl>>3))
	}
	return uint(h>>(4*(lvl&7))) & 15
}

func (n *hnode) pos(bit uint16) int { return bits.OnesCount16(n.bitmap & (bit - 1)) }

func asLeaf(p unsafe.Pointer) *hleaf { return (*hleaf)(p) }
func asNode(p unsafe.Pointer) *hnode { return (*hnode)(p) }

func (n *hnode) get(k Term, h uint32) (Term, bool) {
	for lvl := 0; ; lvl++ {
		if n.coll {
			for _, p := range n.kids {
				if l := asLeaf(p); ExactEqual(l.key, k) {
					return l.val, true
				}
			}
			return Nil, false
		}
		bit := uint16(1) << levelIndex(k, h, lvl)
		if n.bitmap&bit == 0 {
			return Nil, false
		}
		p := n.kids[n.pos(bit)]
		if n.leaves&bit != 0 {
			if l := asLeaf(p); l.hash == h && ExactEqual(l.key, k) {
				return l.val, true
			}
			return Nil, false
		}
		n = asNode(p)
	}
}

// withKid returns a copy of n with the child at bit replaced by p.
func (n *hnode) withKid(bit uint16, p unsafe.Pointer, leaf bool, size int) *hnode {
	c := &hnode{bitmap: n.bitmap, leaves: n.leaves, size: size, kids: append([]unsafe.Pointer(nil), n.kids...)}
	c.kids[n.pos(bit)] = p
	if leaf {
		c.leaves |= bit
	} else {
		c.leaves &^= bit
	}
	return c
}

// put returns a copy of n with leaf set, and whether that added a key; n
// itself when the key already had that very value.
func (n *hnode) put(leaf *hleaf, lvl int) (*hnode, bool) {
	if n.coll {
		for i, p := range n.kids {
			if ExactEqual(asLeaf(p).key, leaf.key) {
				c := &hnode{coll: true, size: n.size, kids: append([]unsafe.Pointer(nil), n.kids...)}
				c.kids[i] = unsafe.Pointer(leaf)
				return c, false
			}
		}
		return &hnode{coll: true, size: n.size + 1, kids: append(append([]unsafe.Pointer(nil), n.kids...), unsafe.Pointer(leaf))}, true
	}
	bit := uint16(1) << levelIndex(leaf.key, leaf.hash, lvl)
	i := n.pos(bit)
	if n.bitmap&bit == 0 {
		c := &hnode{bitmap: n.bitmap | bit, leaves: n.leaves | bit, size: n.size + 1, kids: make([]unsafe.Pointer, len(n.kids)+1)}
		copy(c.kids, n.kids[:i])
		c.kids[i] = unsafe.Pointer(leaf)
		copy(c.kids[i+1:], n.kids[i:])
		return c, true
	}
	p := n.kids[i]
	if n.leaves&bit == 0 {
		sub, added := asNode(p).put(leaf, lvl+1)
		if sub == asNode(p) {
			return n, false
		}
		size := n.size
		if added {
			size++
		}
		return n.withKid(bit, unsafe.Pointer(sub), false, size), added
	}
	old := asLeaf(p)
	if old.hash == leaf.hash && ExactEqual(old.key, leaf.key) {
		if old.val == leaf.val {
			return n, false
		}
		return n.withKid(bit, unsafe.Pointer(leaf), true, n.size), false
	}
	return n.withKid(bit, unsafe.Pointer(pairNode(old, leaf, lvl+1)), false, n.size+1), true
}

// pairNode makes the subtree at level lvl holding two leaves with distinct
// keys.
func pairNode(a, b *hleaf, lvl int) *hnode {
	if lvl >= collisionLevel {
		return &hnode{coll: true, size: 2, kids: []unsafe.Pointer{unsafe.Pointer(a), unsafe.Pointer(b)}}
	}
	ia, ib := levelIndex(a.key, a.hash, lvl), levelIndex(b.key, b.hash, lvl)
	if ia == ib {
		return &hnode{bitmap: 1 << ia, size: 2, kids: []unsafe.Pointer{unsafe.Pointer(pairNode(a, b, lvl+1))}}
	}
	if ia > ib {
		a, b = b, a
	}
	bm := uint16(1)<<ia | uint16(1)<<ib
	return &hnode{bitmap: bm, leaves: bm, size: 2, kids: []unsafe.Pointer{unsafe.Pointer(a), unsafe.Pointer(b)}}
}

// remove returns a copy of n without k, and whether k was there. A node
// left with one leaf and nothing else is folded into its parent, keeping
// the trie's shape a function of its keys.
func (n *hnode) remove(k Term, h uint32, lvl int) (*hnode, bool) {
	if n.coll {
		for i, p := range n.kids {
			if ExactEqual(asLeaf(p).key, k) {
				kids := append(append([]unsafe.Pointer(nil), n.kids[:i]...), n.kids[i+1:]...)
				return &hnode{coll: true, size: n.size - 1, kids: kids}, true
			}
		}
		return n, false
	}
	bit := uint16(1) << levelIndex(k, h, lvl)
	if n.bitmap&bit == 0 {
		return n, false
	}
	i := n.pos(bit)
	p := n.kids[i]
	if n.leaves&bit != 0 {
		if l := asLeaf(p); l.hash != h || !ExactEqual(l.key, k) {
			return n, false
		}
		c := &hnode{bitmap: n.bitmap &^ bit, leaves: n.leaves &^ bit, size: n.size - 1, kids: make([]unsafe.Pointer, len(n.kids)-1)}
		copy(c.kids, n.kids[:i])
		copy(c.kids[i:], n.kids[i+1:])
		return c, true
	}
	sub, ok := asNode(p).remove(k, h, lvl+1)
	if !ok {
		return n, false
	}
	if len(sub.kids) == 1 && (sub.coll || sub.leaves != 0) {
		return n.withKid(bit, sub.kids[0], true, n.size-1), true
	}
	return n.withKid(bit, unsafe.Pointer(sub), false, n.size-1), true
}

// each calls fn on n's children in index order, telling leaves from nodes,
// until fn returns false.
func (n *hnode) each(fn func(p unsafe.Pointer, leaf bool) bool) bool {
	if n.coll {
		for _, p := range n.kids {
			if !fn(p, true) {
				return false
			}
		}
		return true
	}
	rest := n.bitmap
	for _, p := range n.kids {
		bit := rest & -rest
		rest &^= bit
		if !fn(p, n.leaves&bit != 0) {
			return false
		}
	}
	return true
}

func (n *hnode) rangeForward(fn func(k, v Term) bool) bool {
	if n.coll {
		for _, p := range n.kids {
			if l := asLeaf(p); !fn(l.key, l.val) {
				return false
			}
		}
		return true
	}
	rest := n.bitmap
	for _, p := range n.kids {
		bit := rest & -rest
		rest &^= bit
		if n.leaves&bit != 0 {
			if l := asLeaf(p); !fn(l.key, l.val) {
				return false
			}
		} else if !asNode(p).rangeForward(fn) {
			return false
		}
	}
	return true
}

func (n *hnode) rangeBackward(fn func(k, v Term) bool) bool {
	if n.coll {
		for i := len(n.kids) - 1; i >= 0; i-- {
			if l := asLeaf(n.kids[i]); !fn(l.key, l.val) {
				return false
			}
		}
		return true
	}
	rest := n.bitmap
	for i := len(n.kids) - 1; i >= 0; i-- {
		bit := uint16(1) << (15 - bits.LeadingZeros16(rest))
		rest &^= bit
		p := n.kids[i]
		if n.leaves&bit != 0 {
			if l := asLeaf(p); !fn(l.key, l.val) {
				return false
			}
		} else if !asNode(p).rangeBackward(fn) {
			return false
		}
	}
	return true
}

// rangeFrom is rangeForward from the skip'th leaf on; it reports whether
// fn asked to go on.
func (n *hnode) rangeFrom(skip int, fn func(k, v Term) bool) bool {
	if skip == 0 {
		return n.rangeForward(fn)
	}
	goOn := true
	n.each(func(p unsafe.Pointer, leaf bool) bool {
		if leaf {
			if skip > 0 {
				skip--
				return true
			}
			l := asLeaf(p)
			goOn = fn(l.key, l.val)
			return goOn
		}
		sub := asNode(p)
		if skip >= sub.size {
			skip -= sub.size
			return true
		}
		goOn = sub.rangeFrom(skip, fn)
		skip = 0
		return goOn
	})
	return goOn
}

// trieBuilder fills a trie in place: its nodes are not shared until the
// map is handed out, so building n keys costs n inserts without copies.
type trieBuilder struct {
	root *hnode
	size int
}

func newTrieBuilder() *trieBuilder { return &trieBuilder{root: &hnode{}} }

func (b *trieBuilder) put(k, v Term) {
	if insertInPlace(b.root, &hleaf{key: k, val: v, hash: mapKeyHash(k)}, 0) {
		b.size++
	}
}

// insertInPlace adds leaf to the unshared node n, reporting whether the key
// was new. Leaves met on the way may be shared, so a value is replaced by
// pointing at the new leaf, never by writing into the old one.
func insertInPlace(n *hnode, leaf *hleaf, lvl int) bool {
	if n.coll {
		for i, p := range n.kids {
			if ExactEqual(asLeaf(p).key, leaf.key) {
				n.kids[i] = unsafe.Pointer(leaf)
				return false
			}
		}
		n.kids = append(n.kids, unsafe.Pointer(leaf))
		n.size++
		return true
	}
	bit := uint16(1) << levelIndex(leaf.key, leaf.hash, lvl)
	i := n.pos(bit)
	if n.bitmap&bit == 0 {
		n.bitmap |= bit
		n.leaves |= bit
		n.kids = append(n.kids, nil)
		copy(n.kids[i+1:], n.kids[i:])
		n.kids[i] = unsafe.Pointer(leaf)
		n.size++
		return true
	}
	p := n.kids[i]
	if n.leaves&bit == 0 {
		if !insertInPlace(asNode(p), leaf, lvl+1) {
			return false
		}
		n.size++
		return true
	}
	old := asLeaf(p)
	if old.hash == leaf.hash && ExactEqual(old.key, leaf.key) {
		n.kids[i] = unsafe.Pointer(leaf)
		return false
	}
	n.kids[i] = unsafe.Pointer(pairNode(old, leaf, lvl+1))
	n.leaves &^= bit
	n.size++
	return true
}
