package term

import (
	"math"
	"slices"
	"sort"
	"unsafe"

	"github.com/otpbox/otpbox/sandbox/internal/cell"
)

// FlatMax is the most keys a map keeps as a sorted array (BEAM's flatmap,
// MAP_SMALL_MAP_LIMIT); larger maps are hash array mapped tries.
const FlatMax = 32

// Map is an immutable Erlang map, laid out as BEAM lays it out so that it
// iterates in BEAM's order: up to FlatMax keys are sorted arrays in map-key
// order (CompareExact); above that the map is a persistent hash trie keyed
// by OTP 25's internal hash (see maphash.go and hamt.go), so an update
// copies one path of the trie, not the map.
//
// A put into a trie goes first into a tail of up to tailCap recent pairs
// that the versions built one after another share (see mapTail); the tail
// is merged into the trie, copying each node on the pairs' paths once,
// when it is full or when the map is iterated, compared or hashed. A chain
// of puts and nothing else goes on in one tail of any length, which a walk
// puts in order by sorting it (ordered) and a lookup builds a trie from.
type Map struct {
	kv     *Term               // flat map, when root is nil: keys, then values (flat)
	root   *hnode              // trie, for more than FlatMax keys
	tail   *mapTail            // puts not in root yet: tail.leaves[:ntail]
	merged cell.Pointer[hnode] // root with the tail merged in, or its view (ordered), once needed
	tmask  uint64              // tailBit of each of those pairs' hashes
	ntail  int32               // how many of tail's pairs are this map's; a flat map's keys
	size   cell.Int32          // Len of a map with a tail, once counted, plus one
}

// A Map is 48 bytes: every put into a trie map has one in its tail, so
// the flat map's slice header (24 bytes, where a pointer and ntail do) was
// a quarter of what a put allocated for its map.

// flatMap makes a flat map of kv, its keys then their values.
func flatMap(kv []Term) *Map {
	return &Map{kv: unsafe.SliceData(kv), ntail: int32(len(kv) / 2)}
}

// flat returns a flat map's keys, then their values.
func (m *Map) flat() []Term { return unsafe.Slice(m.kv, 2*m.ntail) }

// tailCap is how many puts a trie map takes into its tail before merging
// them. Larger tails share more of the merge's copied nodes between puts
// but make a lookup that the mask does not rule out scan more pairs. 64
// rather than 32: 2,000 puts allocate 385 KB instead of 460, and a loop
// that gets and puts each key (BenchmarkMapCount) 4.1 MB instead of 4.9
// at the same speed (docs/rationale.md).
const tailCap = 64

// tailBig is how many pairs a chain's tail (below) allocates at a time.
const tailBig = 256

// tailFor is the kind of tail that follows a full one: tailCap pairs when
// a lookup or count has looked into that one, else a chain's tail. A
// chain of puts and nothing else, as a map built one key at a time is,
// goes on in one tail with no fixed room (newChain), so it is never merged
// while it grows: the first walk puts its pairs in order by sorting them
// (Map.ordered), and the first lookup builds the trie from that order,
// each node once. With tails as large as the trie instead, a chain of
// 2,000 puts merged four times and copied each node about twice
// (docs/rationale.md, sessions 7 and 10).
func tailFor(probed bool) int32 {
	if probed {
		return tailCap
	}
	return chainRoom
}

// chainRoom is what room reports for a chain's tail: it is never full.
const chainRoom = math.MaxInt32

// mapTail holds the latest puts into a trie map, in order. A map sees the
// first ntail of them; a put appends in place when its map is the one that
// claimed the last pair (used == ntail), so a chain of puts, each on the
// previous version, fills one tail. Pairs once claimed are never changed,
// so every version keeps its view. The leaves are the trie's own once
// merged, and the maps themselves live in the tail too (heads[i] is the
// map that sees i+1 pairs), so that a put allocates nothing until its tail
// is full: two allocations per tailCap puts (the leaves apart, see
// mergeInto) instead of a map and a leaf per put.
//
// A tail starts small (tailStart) unless it follows a full one: a put on
// an older version (whose next pair another version took) or on a map
// without a tail does not know whether a chain follows, and a 32-pair tail
// for one put cost 3.5 KB where a path copy cost 0.6 (BenchmarkMapPutBranches).
// A small tail that fills doubles, copying its leaves, up to tailCap.
//
// A chain's tail (chain, tailFor) has no fixed room. Its leaves are
// allocated tailBig at a time as pairs claim them, each block an
// allocation of its own found through dir (a trie built from them may
// point into it, see mergeInto); of its heads it keeps only the block the
// latest pair's map is in, since a version is reached through its own
// pointer and never through the tail. So the tail holds the map's leaves
// and 12 KB, where tails as large as the trie kept 48 bytes of heads a
// pair alive (docs/rationale.md, session 10). A chain that a lookup or a
// count looks into stops at its next put once it holds tailCap pairs: the
// version looked into has merged, and the puts go on in tailCap tails.
type mapTail struct {
	used   cell.Int32
	probed cell.Bool // a lookup or a count has scanned the tail
	chain  bool
	leaves []hleaf
	heads  []Map // a chain's: the block of pair used-1
	dir    cell.Pointer[[][]hleaf]
}

// newChain makes a chain's tail.
func newChain() *mapTail {
	t := &mapTail{chain: true}
	t.dir.Store(new([][]hleaf))
	return t
}

// room is how many pairs the tail holds when full.
func (t *mapTail) room() int32 {
	if t.chain {
		return chainRoom
	}
	return int32(len(t.leaves))
}

// leaf returns pair i, which a put has claimed.
func (t *mapTail) leaf(i int32) *hleaf {
	if t.chain {
		return &(*t.dir.Load())[i/tailBig][i%tailBig]
	}
	return &t.leaves[i]
}

// claim returns where the put that claimed pair i writes it and the map
// that sees i+1 pairs. Only the put that claimed pair i writes a chain's
// block i/tailBig, before any version that sees pair i exists; a reader
// of an older version loads a directory that holds its own blocks.
func (t *mapTail) claim(i int32) (*hleaf, *Map) {
	if !t.chain {
		return &t.leaves[i], &t.heads[i]
	}
	if i%tailBig == 0 {
		d := append(*t.dir.Load(), make([]hleaf, tailBig))
		t.dir.Store(&d)
		t.heads = make([]Map, tailBig)
	}
	return t.leaf(i), &t.heads[i%tailBig]
}

// tailOf is the layout of a tail with room for len(L) pairs.
type tailOf[L, H any] struct {
	mapTail
	l L
	h H
}

// tailStart is the room of a tail that does not follow a full one.
const tailStart = 2

// newTail allocates a tail with room for c pairs (tailStart, doubled up to
// tailCap, or chainRoom): one allocation, or two for a full-size tail
// (mergeInto).
func newTail(c int32) *mapTail {
	switch c {
	case 2:
		x := new(tailOf[[2]hleaf, [2]Map])
		return x.init(x.l[:], x.h[:])
	case 4:
		x := new(tailOf[[4]hleaf, [4]Map])
		return x.init(x.l[:], x.h[:])
	case 8:
		x := new(tailOf[[8]hleaf, [8]Map])
		return x.init(x.l[:], x.h[:])
	case 16:
		x := new(tailOf[[16]hleaf, [16]Map])
		return x.init(x.l[:], x.h[:])
	case 32:
		x := new(tailOf[[32]hleaf, [32]Map])
		return x.init(x.l[:], x.h[:])
	}
	if c == chainRoom {
		return newChain()
	}
	// The leaves apart (mergeInto).
	x := new(tailOf[struct{}, [tailCap]Map])
	return x.init(make([]hleaf, tailCap), x.h[:])
}

func (t *mapTail) init(leaves []hleaf, heads []Map) *mapTail {
	t.leaves, t.heads = leaves, heads
	return t
}

// tailBit is a key's bit in a map's tail mask: a lookup scans the tail
// only when the bit of its key's hash is set.
func tailBit(h uint32) uint64 { return 1 << (h >> 26) }

// probe marks the tail as looked into: the tail after it keeps to
// tailCap pairs.
func (t *mapTail) probe() {
	if !t.probed.Load() {
		t.probed.Store(true)
	}
}

// find returns the index of the last of the first n pairs with key k, or -1.
func (t *mapTail) find(k Term, h uint32, n int32) int {
	for i := int(n) - 1; i >= 0; i-- {
		if l := t.leaf(int32(i)); l.hash == h && ExactEqual(l.key, k) {
			return i
		}
	}
	return -1
}

// mergeInto returns root with the first n pairs put into it. The trie
// must not point into the tail's own allocation: a leaf there keeps the
// tail's heads alive, and they the trie as it was before the tail, so a
// map built by puts held every version it had ever been (90 MB for
// 200,000 keys; docs/rationale.md). A full-size tail's and a chain's
// leaves are allocations of their own (newTail, claim); a small tail's
// are copied here, as it is merged only when a version that has it is
// walked or branched from.
func (t *mapTail) mergeInto(root *hnode, n int32) *hnode {
	var buf [tailCap]*hleaf
	ps := buf[:0]
	if n > tailCap {
		ps = make([]*hleaf, 0, n)
	}
	if t.chain {
		for i := range n {
			ps = append(ps, t.leaf(i))
		}
		return root.putAll(ps, 0)
	}
	ls := t.leaves[:n]
	if len(t.leaves) < tailCap {
		ls = slices.Clone(ls)
	}
	for i := range ls {
		ps = append(ps, &ls[i])
	}
	return root.putAll(ps, 0)
}

// trie returns the root of a trie map with its tail merged in.
func (m *Map) trie() *hnode {
	r := m.ordered()
	if !r.view {
		return r
	}
	// The pairs are in trie order already: each node is made once.
	r = buildNode(r.kids(), 0)
	m.merged.Store(r)
	return r
}

// sortable reports whether m is a version of a chain's tail with enough
// pairs that putting them in order by sorting (ordered) costs less than
// merging them into its trie: a quarter of the trie's keys or more, as a
// merge of that many copies most of the trie's nodes.
func (m *Map) sortable() bool {
	return m.tail.chain && m.ntail > tailCap && 4*int(m.ntail) >= m.root.size
}

// ordered returns a trie map's pairs as Range walks them: its merged
// trie, or for a version of a chain's tail that sortable, a view (an
// hcoll marked view, kept in merged until a lookup replaces it with the
// trie) of its pairs in iteration order without the trie: a map built by
// puts and then folded is walked once and never needs it.
func (m *Map) ordered() *hnode {
	if m.tail == nil {
		return m.root
	}
	if r := m.merged.Load(); r != nil {
		return r
	}
	var r *hnode
	if m.sortable() {
		r = m.view()
	}
	if r == nil {
		r = m.tail.mergeInto(m.root, m.ntail)
	}
	m.merged.Store(r)
	return r
}

// swzAt is the swizzled hash of leaf j of ls, 1<<32 past the last.
func swzAt(ls []unsafe.Pointer, j int) uint64 {
	if j < len(ls) {
		return uint64(swizzle(asLeaf(ls[j]).hash))
	}
	return 1 << 32
}

// view puts the trie's pairs and the tail's in iteration order, the later
// of equal keys kept, or returns nil when two different keys agree on
// every level's hash (stand-in hashes only), whose order is that of the
// puts into their bucket (trie merges them).
func (m *Map) view() *hnode {
	// The wasm build runs these loops about ten times slower than native
	// code, so each pass counts: no array of leaf pointers (a pair is
	// found from its index through the blocks), the trie's next hash
	// swizzled once, and a pair whose hash no other key has (nearly all)
	// appended at once (BenchmarkMapPutThenFold2k, docs/rationale.md).
	n := int(m.ntail)
	blocks := *m.tail.dir.Load()
	es := make([]trieEnt, 0, n)
	for _, c := range blocks {
		for i := range c[:min(len(c), n-len(es))] {
			es = append(es, trieEnt{swizzle(c[i].hash), int32(len(es))})
		}
	}
	sortEnts(es)
	olds := m.root.appendLeaves(make([]unsafe.Pointer, 0, m.root.size))
	list := make([]unsafe.Pointer, 0, len(olds)+len(es))
	j, next := 0, swzAt(olds, 0)
	for i := 0; i < len(es); {
		swz := es[i].swz
		for next < uint64(swz) {
			list = append(list, olds[j])
			j++
			next = swzAt(olds, j)
		}
		if next != uint64(swz) && (i+1 == len(es) || es[i+1].swz != swz) {
			x := uint32(es[i].idx)
			list = append(list, unsafe.Pointer(&blocks[x/tailBig][x%tailBig]))
			i++
			continue
		}
		// Keys of the same hash: the trie's, then the tail's.
		k := j
		for k < len(olds) && swizzle(asLeaf(olds[k]).hash) == swz {
			k++
		}
		e := i + 1
		for e < len(es) && es[e].swz == swz {
			e++
		}
		grp := make([]*hleaf, 0, k-j+e-i)
		for _, o := range olds[j:k] {
			grp = append(grp, asLeaf(o))
		}
		for _, t := range es[i:e] {
			grp = append(grp, &blocks[uint32(t.idx)/tailBig][uint32(t.idx)%tailBig])
		}
		keys := make([]Term, len(grp))
		for g, l := range grp {
			keys[g] = l.key
		}
		kept, tie := sameHashOrder(keys)
		if tie {
			return nil
		}
		for _, g := range kept {
			list = append(list, unsafe.Pointer(grp[g]))
		}
		i, j = e, k
		next = swzAt(olds, j)
	}
	list = append(list, olds[j:]...)
	v := newColl(list)
	v.view = true
	return v
}

// EmptyMap is #{}.
var EmptyMap = MakeMap(&Map{})

// MakeMap wraps m as a term.
func MakeMap(m *Map) Term { return Term{w: uint64(KindMap), p: unsafe.Pointer(m)} }

// Map returns a map; valid only for KindMap.
func (t Term) Map() *Map { return (*Map)(t.p) }

// NewMap builds a map from parallel keys and values; a later duplicate key
// wins, as in #{K => 1, K => 2} and maps:from_list/1.
func NewMap(keys, vals []Term) Term { return MakeMap(BuildMap(keys, vals)) }

// BuildMap is NewMap returning the *Map.
func BuildMap(keys, vals []Term) *Map {
	if len(keys) <= FlatMax {
		return buildFlat(keys, vals)
	}
	root, n := buildTrie(keys, vals)
	if n <= FlatMax {
		return buildFlat(keys, vals)
	}
	return &Map{root: root}
}

func buildFlat(keys, vals []Term) *Map {
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return CompareExact(keys[idx[a]], keys[idx[b]]) < 0 })
	ks := make([]Term, 0, len(keys))
	vs := make([]Term, 0, len(keys))
	for _, i := range idx {
		if n := len(ks); n > 0 && CompareExact(ks[n-1], keys[i]) == 0 {
			vs[n-1] = vals[i]
			continue
		}
		ks = append(ks, keys[i])
		vs = append(vs, vals[i])
	}
	return flatMap(append(ks, vs...))
}

// fkeys and fvals are a flat map's keys and values.
func (m *Map) fkeys() []Term { n := m.ntail; return m.flat()[:n:n] }
func (m *Map) fvals() []Term { return m.flat()[m.ntail:] }

// Len returns the number of keys.
func (m *Map) Len() int {
	if m.root == nil {
		return int(m.ntail)
	}
	if m.tail == nil {
		return m.root.size
	}
	if r := m.merged.Load(); r != nil {
		return r.size
	}
	// Count the tail's keys that are new, without merging (a loop that
	// tests map_size between puts would otherwise merge at every put).
	if n := m.size.Load(); n > 0 {
		return int(n - 1)
	}
	m.tail.probe()
	if m.ntail > tailCap {
		// Counting scans the pairs before each pair: put a big tail in
		// order (once, kept for this version) instead.
		return m.ordered().size
	}
	n := m.root.size
	for i := range m.ntail {
		l := m.tail.leaf(i)
		if m.tail.find(l.key, l.hash, i) >= 0 {
			continue
		}
		if _, ok := m.root.get(l.key, l.hash); !ok {
			n++
		}
	}
	m.size.Store(int32(n + 1))
	return n
}

// IsFlat reports whether m is a sorted-array map (FlatMax keys or fewer).
func (m *Map) IsFlat() bool { return m.root == nil }

// Keys returns the keys in iteration order (Range's); not to be modified.
// It allocates for a map of more than FlatMax keys.
func (m *Map) Keys() []Term {
	if m.root == nil {
		return m.fkeys()
	}
	ks := make([]Term, 0, m.Len())
	m.Range(func(k, _ Term) bool { ks = append(ks, k); return true })
	return ks
}

// Values returns the values in iteration order; not to be modified. It
// allocates for a map of more than FlatMax keys.
func (m *Map) Values() []Term {
	if m.root == nil {
		return m.fvals()
	}
	vs := make([]Term, 0, m.Len())
	m.Range(func(_, v Term) bool { vs = append(vs, v); return true })
	return vs
}

// Range calls fn on each pair in BEAM's iteration order (maps:iterator/1,
// maps:fold/3, io:format's ~p and ~w) until fn returns false; it reports
// whether it went through the whole map. A flat map iterates in key order.
func (m *Map) Range(fn func(k, v Term) bool) bool {
	if m.root == nil {
		keys, vals := m.fkeys(), m.fvals()
		for i, k := range keys {
			if !fn(k, vals[i]) {
				return false
			}
		}
		return true
	}
	return m.ordered().rangeForward(fn)
}

// RangeList calls fn on each pair in the order of maps:to_list/1,
// maps:keys/1 and term_to_binary/1: key order for a flat map, the reverse
// of Range's order for a trie (BEAM builds those lists by consing).
func (m *Map) RangeList(fn func(k, v Term) bool) bool {
	if m.root == nil {
		return m.Range(fn)
	}
	return m.ordered().rangeBackward(fn)
}

// PairsFrom copies the pairs from the start'th (0-based) on, in Range's
// order, into dst, the i'th copied pair's key at dst[i*stride] and its value
// after it, until the next pair would not fit or the map ends, and returns
// how many it copied. Stride 2 packs the pairs; a larger one leaves room
// between them (maps:fold's batches put the link to the next pair there).
// It skips to start without visiting the pairs before it, so an iterator
// that remembers a position costs O(log n) a batch.
func (m *Map) PairsFrom(start int, dst []Term, stride int) int {
	room := (len(dst) - 2 + stride) / stride
	if room <= 0 || start >= m.Len() {
		return 0
	}
	if m.root == nil {
		keys, vals := m.fkeys(), m.fvals()
		n := min(room, len(keys)-start)
		for i := range n {
			dst[i*stride], dst[i*stride+1] = keys[start+i], vals[start+i]
		}
		return n
	}
	r := m.ordered()
	if r.view {
		ls := r.kids()[start:]
		n := min(room, len(ls))
		for i, p := range ls[:n] {
			l := asLeaf(p)
			dst[i*stride], dst[i*stride+1] = l.key, l.val
		}
		return n
	}
	f := filler{dst: dst, stride: stride, max: room}
	r.fill(start, &f)
	return f.n
}

func (m *Map) find(k Term) (int, bool) {
	// Atoms from the VM's table and small integers are the same word when
	// equal: a scan for the identical term finds most keys without
	// comparing names (BenchmarkFlatGet: 36 -> 15 ns a lookup, 10 atom keys).
	keys := m.fkeys()
	for i := range keys {
		if keys[i] == k {
			return i, true
		}
	}
	i := sort.Search(len(keys), func(i int) bool { return CompareExact(keys[i], k) >= 0 })
	return i, i < len(keys) && CompareExact(keys[i], k) == 0
}

// Get returns the value under k.
func (m *Map) Get(k Term) (Term, bool) {
	if m.root != nil {
		h := mapKeyHash(k)
		if m.tmask&tailBit(h) != 0 {
			m.tail.probe()
			if m.ntail > tailCap {
				// A big tail fills the mask: look in the merged trie,
				// merged once for this version, rather than scan a
				// chain's long tail at every lookup.
				return m.trie().get(k, h)
			}
			if i := m.tail.find(k, h, m.ntail); i >= 0 {
				return m.tail.leaf(int32(i)).val, true
			}
		}
		return m.root.get(k, h)
	}
	if i, ok := m.find(k); ok {
		return m.fvals()[i], true
	}
	return Nil, false
}

// Put returns m with k set to v, sharing all it can with m.
func (m *Map) Put(k, v Term) *Map {
	if m.root != nil {
		return m.putTrie(k, v)
	}
	i, ok := m.find(k)
	n := int(m.ntail)
	if ok {
		if m.fvals()[i] == v {
			return m
		}
		kv := slices.Clone(m.flat())
		kv[n+i] = v
		return flatMap(kv)
	}
	keys, vals := m.fkeys(), m.fvals()
	if n == FlatMax {
		root, _ := buildTrie(append(slices.Clip(keys), k), append(slices.Clip(vals), v))
		return &Map{root: root}
	}
	// One allocation: the keys with k at i, then the values with v at i.
	kv := make([]Term, 2*(n+1))
	nk, nv := kv[:n+1], kv[n+1:]
	copy(nk, keys[:i])
	copy(nv, vals[:i])
	nk[i], nv[i] = k, v
	copy(nk[i+1:], keys[i:])
	copy(nv[i+1:], vals[i:])
	return flatMap(kv)
}

// putTrie is Put on a trie map: k and v go into the tail (see mapTail),
// which is merged into the trie when full. It does not first look for k
// in the tail to return m for an equal value, as BEAM would: with 64 pairs
// the mask lets most puts through, and the scan of a tail that does not
// hold k took a tenth of a put (BenchmarkMapPut2k, BenchmarkMapCount).
func (m *Map) putTrie(k, v Term) *Map {
	h := mapKeyHash(k)
	bit := tailBit(h)
	root, tail, n, mask := m.root, m.tail, m.ntail, m.tmask
	if r := m.merged.Load(); r != nil {
		root, tail, n, mask = m.trie(), nil, 0, 0
	}
	switch {
	case tail == nil:
		tail = newTail(tailStart)
		tail.used.Store(1)
	case n < tail.room() && !(tail.chain && n >= tailCap && tail.probed.Load()) &&
		tail.used.CompareAndSwap(n, n+1):
		// m is the latest version of this tail: append in place.
	case tail.used.Load() != n:
		// A later version of m has the next pair: start a tail on m's
		// merged trie (kept in m for its other versions).
		root, n, mask = m.trie(), 0, 0
		tail = newTail(tailStart)
		tail.used.Store(1)
	case tail.room() < tailCap:
		// m's tail is full and m is its latest version: double it.
		t := newTail(2 * int32(len(tail.leaves)))
		copy(t.leaves, tail.leaves[:n])
		t.used.Store(n + 1)
		tail = t
	default:
		root, n, mask = m.trie(), 0, 0
		tail = newTail(tailFor(tail.probed.Load()))
		tail.used.Store(1)
	}
	l, nm := tail.claim(n)
	*l = hleaf{key: k, val: v, hash: h}
	nm.root, nm.tail, nm.ntail, nm.tmask = root, tail, n+1, mask|bit
	return nm
}

// Remove returns m without k (m itself when k is absent). A trie that
// falls to FlatMax keys becomes a flat map again, as in BEAM.
func (m *Map) Remove(k Term) *Map {
	if m.root != nil {
		root, ok := m.trie().remove(k, mapKeyHash(k), 0)
		if !ok {
			return m
		}
		if root.size <= FlatMax {
			keys := make([]Term, 0, root.size)
			vals := make([]Term, 0, root.size)
			root.rangeForward(func(k, v Term) bool {
				keys = append(keys, k)
				vals = append(vals, v)
				return true
			})
			return buildFlat(keys, vals)
		}
		return &Map{root: root}
	}
	i, ok := m.find(k)
	if !ok {
		return m
	}
	keys, vals := m.fkeys(), m.fvals()
	kv := make([]Term, 0, 2*len(keys)-2)
	kv = append(append(kv, keys[:i]...), keys[i+1:]...)
	kv = append(append(kv, vals[:i]...), vals[i+1:]...)
	return flatMap(kv)
}

// sortedPairs returns m's keys in map-key order with their values.
func (m *Map) sortedPairs() (keys, vals []Term) {
	if m.root == nil {
		return m.fkeys(), m.fvals()
	}
	n := m.Len()
	keys, vals = make([]Term, 0, n), make([]Term, 0, n)
	m.Range(func(k, v Term) bool {
		keys = append(keys, k)
		vals = append(vals, v)
		return true
	})
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return CompareExact(keys[idx[a]], keys[idx[b]]) < 0 })
	sk, sv := make([]Term, n), make([]Term, n)
	for i, j := range idx {
		sk[i], sv[i] = keys[j], vals[j]
	}
	return sk, sv
}

// compareMaps orders maps by size, then keys in map-key order, then values
// in key order. Two tries with the same keys and equal values compare equal
// without sorting.
func compareMaps(a, b *Map, exact bool) int {
	if a.Len() != b.Len() {
		return sign(a.Len() - b.Len())
	}
	if !a.IsFlat() && !b.IsFlat() {
		same := a.Range(func(k, v Term) bool {
			w, ok := b.Get(k)
			return ok && compare(v, w, exact) == 0
		})
		if same {
			return 0
		}
	}
	ak, av := a.sortedPairs()
	bk, bv := b.sortedPairs()
	for i := range ak {
		if c := compare(ak[i], bk[i], true); c != 0 {
			return c
		}
	}
	for i := range av {
		if c := compare(av[i], bv[i], exact); c != 0 {
			return c
		}
	}
	return 0
}
