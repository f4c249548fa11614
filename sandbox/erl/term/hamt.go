package term

import (
	"cmp"
	"math/bits"
	"slices"
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
// than an *hnode; the present children follow the header in the node's own
// allocation (newNode), in index order. size counts the leaves below, so an
// iterator can skip whole subtrees. A collision node (coll, an hcoll)
// holds leaves only, in no particular order, in its list. Without a slice
// header in every node, a full node is 144 bytes instead of 176, and a
// put copies a fifth less.
type hnode struct {
	bitmap, leaves uint16
	coll           bool
	view           bool // an hcoll that is a map's pairs in iteration order (Map.ordered), never a child
	size           int
}

// hcoll is a collision node: its leaves, any number of them.
type hcoll struct {
	hnode
	list []unsafe.Pointer
}

// kidsOf is the layout of a node with k children (newNode).
type kidsOf[A any] struct {
	hnode
	a A
}

// collisionLevel is where the trie gives up splitting keys by hash and
// keeps them in a bucket: 64 levels is eight rehashes of 32 bits, which
// distinct keys never exhaust unless the stand-in hashes for atoms, funs
// and the like collide.
const collisionLevel = 64

// levelIndex is the 4-bit slice of k's hash that picks its child at level
// lvl. Past 32 bits BEAM rehashes the key with the level as salt. Small
// enough to inline, the rehash apart: a merge asks it for every leaf at
// every level, and a Go call costs the wasm build many times the shift
// (docs/rationale.md, "term: levelIndex inlined (session 9)").
func levelIndex(k Term, h uint32, lvl int) uint {
	if lvl >= 8 {
		return deepIndex(k, lvl)
	}
	return uint(h>>(4*lvl)) & 15
}

// deepIndex is levelIndex past the first 32 bits of the hash.
func deepIndex(k Term, lvl int) uint {
	return uint(internalHash(k, uint32(lvl>>3))>>(4*(lvl&7))) & 15
}

// newNode allocates a trie node with room for k (at most 16) children
// right after its header; the caller sets its bitmap before its kids.
func newNode(k int) *hnode {
	switch k {
	case 0:
		return &hnode{}
	case 1:
		return &new(kidsOf[[1]unsafe.Pointer]).hnode
	case 2:
		return &new(kidsOf[[2]unsafe.Pointer]).hnode
	case 3:
		return &new(kidsOf[[3]unsafe.Pointer]).hnode
	case 4:
		return &new(kidsOf[[4]unsafe.Pointer]).hnode
	case 5:
		return &new(kidsOf[[5]unsafe.Pointer]).hnode
	case 6:
		return &new(kidsOf[[6]unsafe.Pointer]).hnode
	case 7:
		return &new(kidsOf[[7]unsafe.Pointer]).hnode
	case 8:
		return &new(kidsOf[[8]unsafe.Pointer]).hnode
	case 9:
		return &new(kidsOf[[9]unsafe.Pointer]).hnode
	case 10:
		return &new(kidsOf[[10]unsafe.Pointer]).hnode
	case 11:
		return &new(kidsOf[[11]unsafe.Pointer]).hnode
	case 12:
		return &new(kidsOf[[12]unsafe.Pointer]).hnode
	case 13:
		return &new(kidsOf[[13]unsafe.Pointer]).hnode
	case 14:
		return &new(kidsOf[[14]unsafe.Pointer]).hnode
	case 15:
		return &new(kidsOf[[15]unsafe.Pointer]).hnode
	}
	return &new(kidsOf[[16]unsafe.Pointer]).hnode
}

// newColl makes a collision node holding the leaves in list.
func newColl(list []unsafe.Pointer) *hnode {
	c := &hcoll{list: list}
	c.coll, c.size = true, len(list)
	return &c.hnode
}

// kids returns n's children, in index order (a collision node's in its
// own order); writing to it sets them.
func (n *hnode) kids() []unsafe.Pointer {
	if n.coll {
		return (*hcoll)(unsafe.Pointer(n)).list
	}
	k := bits.OnesCount16(n.bitmap)
	if k == 0 {
		return nil
	}
	return unsafe.Slice((*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(n), unsafe.Sizeof(hnode{}))), k)
}

// kid returns child i of a node that is not a collision node.
func (n *hnode) kid(i int) unsafe.Pointer {
	return *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(n), unsafe.Sizeof(hnode{})+uintptr(i)*unsafe.Sizeof(unsafe.Pointer(nil))))
}

func (n *hnode) pos(bit uint16) int { return bits.OnesCount16(n.bitmap & (bit - 1)) }

func asLeaf(p unsafe.Pointer) *hleaf { return (*hleaf)(p) }
func asNode(p unsafe.Pointer) *hnode { return (*hnode)(p) }

func (n *hnode) get(k Term, h uint32) (Term, bool) {
	for lvl := 0; ; lvl++ {
		if n.coll {
			for _, p := range n.kids() {
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
		p := n.kid(n.pos(bit))
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
	kids := n.kids()
	c := newNode(len(kids))
	c.bitmap, c.leaves, c.size = n.bitmap, n.leaves, size
	ck := c.kids()
	copy(ck, kids)
	ck[n.pos(bit)] = p
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
		for i, p := range n.kids() {
			if ExactEqual(asLeaf(p).key, leaf.key) {
				c := newColl(append([]unsafe.Pointer(nil), n.kids()...))
				c.kids()[i] = unsafe.Pointer(leaf)
				return c, false
			}
		}
		return newColl(append(append([]unsafe.Pointer(nil), n.kids()...), unsafe.Pointer(leaf))), true
	}
	bit := uint16(1) << levelIndex(leaf.key, leaf.hash, lvl)
	i := n.pos(bit)
	kids := n.kids()
	if n.bitmap&bit == 0 {
		c := newNode(len(kids) + 1)
		c.bitmap, c.leaves, c.size = n.bitmap|bit, n.leaves|bit, n.size+1
		ck := c.kids()
		copy(ck, kids[:i])
		ck[i] = unsafe.Pointer(leaf)
		copy(ck[i+1:], kids[i:])
		return c, true
	}
	p := kids[i]
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

// putAll returns a copy of n with the leaves put in, in order (a later
// leaf replaces an earlier one with the same key), copying each node on
// their paths once: the leaves are grouped by their child at this level
// and each group goes down its own child.
//
// Most calls below the root carry one leaf (a 64-pair merge into a
// 2,000-key trie makes about 57 calls of one leaf at level 2 for 17 of
// several): those take put without the sorting arrays, which the
// compiled code clears wherever they are declared (in the wasm build
// putAll's own time was a tenth of MapWork2k's; docs/rationale.md). Only
// a big tail's root call (tailBig) needs the large ones.
func (n *hnode) putAll(ls []*hleaf, lvl int) *hnode {
	if n.coll || len(ls) == 1 {
		for _, l := range ls {
			n, _ = n.put(l, lvl)
		}
		return n
	}
	return n.putMany(ls, lvl)
}

// putMany is putAll for several leaves into a node that is not a
// collision node, with sorting room for them. It returns a new node, never
// n, so a caller may pass a node of its own frame (subtree).
func (n *hnode) putMany(ls []*hleaf, lvl int) *hnode {
	if len(ls) <= 8 {
		// Most calls below a merge's top levels: less room to clear.
		var idx [8]uint8
		var sorted [8]*hleaf
		return n.putGroups(ls, lvl, idx[:], sorted[:])
	}
	if len(ls) <= tailCap {
		var idx [tailCap]uint8
		var sorted [tailCap]*hleaf
		return n.putGroups(ls, lvl, idx[:], sorted[:])
	}
	if len(ls) > tailBig {
		// The top calls of a merge of a tail larger than tailBig (tailFor).
		return n.putGroups(ls, lvl, make([]uint8, len(ls)), make([]*hleaf, len(ls)))
	}
	// Only a big tail's root call: its arrays are cleared once a merge.
	var idx [tailBig]uint8
	var sorted [tailBig]*hleaf
	return n.putGroups(ls, lvl, idx[:], sorted[:])
}

// putGroups is putAll for several leaves into a node that is not a
// collision node. The new node is allocated once its child count is
// known and its children written into it directly.
func (n *hnode) putGroups(ls []*hleaf, lvl int, idx []uint8, sorted []*hleaf) *hnode {
	// Group ls by child index (in sorted), keeping their order within a
	// group.
	var start [17]uint32
	var groups uint16
	for i, l := range ls {
		idx[i] = uint8(levelIndex(l.key, l.hash, lvl))
		start[idx[i]+1]++
		groups |= 1 << idx[i]
	}
	for i := 1; i <= 16; i++ {
		start[i] += start[i-1]
	}
	at := start
	for i, l := range ls {
		sorted[at[idx[i]]] = l
		at[idx[i]]++
	}
	// The new node's children: n's, with the slots that have a group
	// replaced; its size is n's plus what each replaced child grew by.
	bitmap := n.bitmap | groups
	c := newNode(bits.OnesCount16(bitmap))
	c.bitmap = bitmap
	kids := c.kids()
	leafBits, size := n.leaves, n.size
	k, old := 0, 0
	for all := bitmap; all != 0; all &= all - 1 {
		i := bits.TrailingZeros16(all)
		bit := uint16(1) << i
		group := sorted[start[i]:start[i+1]]
		var p unsafe.Pointer
		leaf := false
		switch {
		case len(group) == 0:
			kids[k] = n.kid(old)
			k, old = k+1, old+1
			continue
		case n.bitmap&bit == 0:
			p, leaf = subtree(nil, group, lvl+1)
		case n.leaves&bit != 0:
			p, leaf = subtree(asLeaf(n.kid(old)), group, lvl+1)
			size-- // the old leaf is counted in the new child
		default:
			sub := asNode(n.kid(old))
			p = unsafe.Pointer(sub.putAll(group, lvl+1))
			size -= sub.size
		}
		if n.bitmap&bit != 0 {
			old++
		}
		if leaf {
			leafBits |= bit
			size++
		} else {
			leafBits &^= bit
			size += asNode(p).size
		}
		kids[k] = p
		k++
	}
	c.leaves, c.size = leafBits, size
	return c
}

// subtree makes the child at level lvl holding first (when not nil) and
// then ls, in order, a later leaf replacing an earlier one with the same
// key: the last leaf itself when they all have its key, else a node.
func subtree(first *hleaf, ls []*hleaf, lvl int) (unsafe.Pointer, bool) {
	last := ls[len(ls)-1]
	same := first == nil || first.hash == last.hash && ExactEqual(first.key, last.key)
	for _, l := range ls[:len(ls)-1] {
		if !same {
			break
		}
		same = l.hash == last.hash && ExactEqual(l.key, last.key)
	}
	if same {
		return unsafe.Pointer(last), true
	}
	switch {
	case lvl >= collisionLevel:
		n := newColl(nil)
		if first != nil {
			n, _ = n.put(first, lvl)
		}
		return unsafe.Pointer(n.putAll(ls, lvl)), false
	case first != nil && len(ls) == 1:
		return unsafe.Pointer(pairNode(first, last, lvl)), false
	}
	// Group the leaves into the node they make, as if put into a node
	// holding only first: a node in this frame, not a node allocated and
	// then copied by every put (subtree made half of a merge's nodes
	// that way; docs/rationale.md, session 7).
	var tmp kidsOf[[1]unsafe.Pointer]
	if first != nil {
		bit := uint16(1) << levelIndex(first.key, first.hash, lvl)
		tmp.bitmap, tmp.leaves, tmp.size = bit, bit, 1
		tmp.a[0] = unsafe.Pointer(first)
	}
	return unsafe.Pointer(tmp.putMany(ls, lvl)), false
}

// pairNode makes the subtree at level lvl holding two leaves with distinct
// keys.
func pairNode(a, b *hleaf, lvl int) *hnode {
	if lvl >= collisionLevel {
		return newColl([]unsafe.Pointer{unsafe.Pointer(a), unsafe.Pointer(b)})
	}
	ia, ib := levelIndex(a.key, a.hash, lvl), levelIndex(b.key, b.hash, lvl)
	if ia == ib {
		n := newNode(1)
		n.bitmap, n.size = 1<<ia, 2
		n.kids()[0] = unsafe.Pointer(pairNode(a, b, lvl+1))
		return n
	}
	if ia > ib {
		a, b = b, a
	}
	bm := uint16(1)<<ia | uint16(1)<<ib
	n := newNode(2)
	n.bitmap, n.leaves, n.size = bm, bm, 2
	n.kids()[0], n.kids()[1] = unsafe.Pointer(a), unsafe.Pointer(b)
	return n
}

// remove returns a copy of n without k, and whether k was there. A node
// left with one leaf and nothing else is folded into its parent, keeping
// the trie's shape a function of its keys.
func (n *hnode) remove(k Term, h uint32, lvl int) (*hnode, bool) {
	if n.coll {
		for i, p := range n.kids() {
			if ExactEqual(asLeaf(p).key, k) {
				kids := append(append([]unsafe.Pointer(nil), n.kids()[:i]...), n.kids()[i+1:]...)
				return newColl(kids), true
			}
		}
		return n, false
	}
	bit := uint16(1) << levelIndex(k, h, lvl)
	if n.bitmap&bit == 0 {
		return n, false
	}
	i := n.pos(bit)
	p := n.kids()[i]
	if n.leaves&bit != 0 {
		if l := asLeaf(p); l.hash != h || !ExactEqual(l.key, k) {
			return n, false
		}
		c := newNode(len(n.kids()) - 1)
		c.bitmap, c.leaves, c.size = n.bitmap&^bit, n.leaves&^bit, n.size-1
		copy(c.kids(), n.kids()[:i])
		copy(c.kids()[i:], n.kids()[i+1:])
		return c, true
	}
	sub, ok := asNode(p).remove(k, h, lvl+1)
	if !ok {
		return n, false
	}
	if len(sub.kids()) == 1 && (sub.coll || sub.leaves != 0) {
		return n.withKid(bit, sub.kids()[0], true, n.size-1), true
	}
	return n.withKid(bit, unsafe.Pointer(sub), false, n.size-1), true
}

func (n *hnode) rangeForward(fn func(k, v Term) bool) bool {
	if n.coll {
		for _, p := range n.kids() {
			if l := asLeaf(p); !fn(l.key, l.val) {
				return false
			}
		}
		return true
	}
	rest := n.bitmap
	for _, p := range n.kids() {
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
		for i := len(n.kids()) - 1; i >= 0; i-- {
			if l := asLeaf(n.kids()[i]); !fn(l.key, l.val) {
				return false
			}
		}
		return true
	}
	rest := n.bitmap
	for i := len(n.kids()) - 1; i >= 0; i-- {
		bit := uint16(1) << (15 - bits.LeadingZeros16(rest))
		rest &^= bit
		p := n.kids()[i]
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

// filler is where fill copies pairs to: PairsFrom's destination, its
// stride, and how many pairs it takes and has taken.
type filler struct {
	dst         []Term
	stride, max int
	n           int
}

// fill copies leaves into f from the skip'th on until f is full, and
// returns the skip left. A subtree wholly before the start is skipped by
// its size without a call (the recursive check took a tenth of maps:fold's
// time at 200,000 keys).
func (n *hnode) fill(skip int, f *filler) int {
	rest := n.bitmap
	for _, p := range n.kids() {
		bit := rest & -rest
		rest &^= bit
		if n.coll || n.leaves&bit != 0 {
			if skip > 0 {
				skip--
				continue
			}
			l := asLeaf(p)
			i := f.n * f.stride
			f.dst[i], f.dst[i+1] = l.key, l.val
			if f.n++; f.n == f.max {
				return 0
			}
			continue
		}
		c := asNode(p)
		if skip >= c.size {
			skip -= c.size
			continue
		}
		if skip = c.fill(skip, f); f.n == f.max {
			return 0
		}
	}
	return skip
}

// buildTrie makes the trie of keys and vals (a later duplicate key wins)
// in one go, as maps:from_list/1 does in BEAM: it sorts the pairs into
// iteration order and builds the nodes bottom-up, so no node is ever
// copied, and the leaves sit in one array in the order a fold visits them.
// It returns the root and the number of distinct keys.
func buildTrie(keys, vals []Term) (*hnode, int) {
	hs := make([]uint32, len(keys))
	es := make([]trieEnt, len(keys))
	for i, k := range keys {
		hs[i] = mapKeyHash(k)
		es[i] = trieEnt{swizzle(hs[i]), int32(i)}
	}
	sortEnts(es)
	order := make([]int32, 0, len(es))
	for i := 0; i < len(es); {
		j := i + 1
		for j < len(es) && es[j].swz == es[i].swz {
			j++
		}
		if j == i+1 {
			order = append(order, es[i].idx)
		} else {
			run := make([]Term, j-i)
			for r, e := range es[i:j] {
				run[r] = keys[e.idx]
			}
			kept, _ := sameHashOrder(run)
			for _, r := range kept {
				order = append(order, es[i+r].idx)
			}
		}
		i = j
	}
	leaves := make([]hleaf, len(order))
	ls := make([]unsafe.Pointer, len(order))
	for i, o := range order {
		leaves[i] = hleaf{key: keys[o], val: vals[o], hash: hs[o]}
		ls[i] = unsafe.Pointer(&leaves[i])
	}
	return buildNode(ls, 0), len(leaves)
}

// trieEnt is a pair's place while buildTrie sorts: its trie-order hash and
// its index in the input.
type trieEnt struct {
	swz uint32
	idx int32
}

// sortEnts sorts es by swz, keeping the order of equal ones, which must
// be in idx order. Walking a chain's tail of 1,900 pairs (Map.ordered)
// sorts them, and a comparison sort's calls cost the wasm build several
// times a radix pass's loads and stores: up to 4,096 pairs, one pass
// spreads them by swz's top byte and an insertion sort orders each
// bucket (about 8 pairs at 2,000; 2,048 buckets of about one were slower
// in wasm, 77 against 105 µs); past that, four passes a byte each.
func sortEnts(es []trieEnt) {
	if len(es) < 64 {
		insertionSort(es)
		return
	}
	dst := make([]trieEnt, len(es))
	if len(es) <= 4096 {
		var at [257]int32
		for _, e := range es {
			at[e.swz>>24+1]++
		}
		for b := 1; b <= 256; b++ {
			at[b] += at[b-1]
		}
		next := at
		for _, e := range es {
			dst[next[e.swz>>24]] = e
			next[e.swz>>24]++
		}
		for b := range 256 {
			if at[b+1]-at[b] > 1 {
				insertionSort(dst[at[b]:at[b+1]])
			}
		}
		copy(es, dst)
		return
	}
	src := es // four passes: the last writes es
	for shift := 0; shift < 32; shift += 8 {
		var at [256]int32
		for _, e := range src {
			at[uint8(e.swz>>shift)]++
		}
		sum := int32(0)
		for b, c := range at {
			at[b] = sum
			sum += c
		}
		for _, e := range src {
			b := uint8(e.swz >> shift)
			dst[at[b]] = e
			at[b]++
		}
		src, dst = dst, src
	}
}

// insertionSort sorts es by swz, then idx.
func insertionSort(es []trieEnt) {
	for i := 1; i < len(es); i++ {
		e := es[i]
		j := i
		for ; j > 0 && (es[j-1].swz > e.swz || es[j-1].swz == e.swz && es[j-1].idx > e.idx); j-- {
			es[j] = es[j-1]
		}
		es[j] = e
	}
}

// swizzle reverses the nibbles of h, so that comparing swizzled hashes
// orders keys as the trie does, lowest nibble first.
func swizzle(h uint32) uint32 {
	h = bits.ReverseBytes32(h)
	return (h&0x0F0F0F0F)<<4 | (h&0xF0F0F0F0)>>4
}

// sameHashOrder orders keys whose 32-bit hashes agree, given in the order
// they were put: it drops all but the last of equal keys and returns the
// indices of the rest in trie order, by the salted hashes of the deeper
// levels. tie reports two keys that agree on all of those (stand-in
// hashes only), left in the order they were put.
func sameHashOrder(keys []Term) (order []int, tie bool) {
	for i, k := range keys {
		if !slices.ContainsFunc(keys[i+1:], func(o Term) bool { return ExactEqual(o, k) }) {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		for salt := uint32(1); salt < collisionLevel/8; salt++ {
			ha, hb := internalHash(keys[a], salt), internalHash(keys[b], salt)
			if ha != hb {
				return cmp.Compare(swizzle(ha), swizzle(hb))
			}
		}
		tie = true
		return 0
	})
	return order, tie
}

// buildNode makes the node at level lvl over the leaves ls (*hleaf),
// which are in trie order and agree on every hash slice above lvl.
func buildNode(ls []unsafe.Pointer, lvl int) *hnode {
	if lvl >= collisionLevel {
		return newColl(slices.Clone(ls))
	}
	var kids [16]unsafe.Pointer
	var bitmap, leafBits uint16
	k := 0
	for i := 0; i < len(ls); k++ {
		l := asLeaf(ls[i])
		idx := levelIndex(l.key, l.hash, lvl)
		j := i + 1
		for j < len(ls) && levelIndex(asLeaf(ls[j]).key, asLeaf(ls[j]).hash, lvl) == idx {
			j++
		}
		bit := uint16(1) << idx
		bitmap |= bit
		if j == i+1 {
			leafBits |= bit
			kids[k] = ls[i]
		} else {
			kids[k] = unsafe.Pointer(buildNode(ls[i:j:j], lvl+1))
		}
		i = j
	}
	n := newNode(k)
	n.bitmap, n.leaves, n.size = bitmap, leafBits, len(ls)
	copy(n.kids(), kids[:k])
	return n
}

// appendLeaves appends n's leaves to ls in iteration order.
func (n *hnode) appendLeaves(ls []unsafe.Pointer) []unsafe.Pointer {
	if n.coll {
		return append(ls, n.kids()...)
	}
	rest := n.bitmap
	for _, p := range n.kids() {
		bit := rest & -rest
		rest &^= bit
		if n.leaves&bit != 0 {
			ls = append(ls, p)
		} else {
			ls = asNode(p).appendLeaves(ls)
		}
	}
	return ls
}
