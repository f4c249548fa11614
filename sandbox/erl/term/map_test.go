package term

import (
	"bufio"
	"fmt"
	"math/big"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"
	"weak"
)

// orderSets rebuilds testdata/maporder.erl's key sets.
func orderSets() map[string][]Term {
	seq := func(a, b int64, f func(int64) Term) []Term {
		var ts []Term
		for i := a; i <= b; i++ {
			ts = append(ts, f(i))
		}
		return ts
	}
	pow2 := func(n uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), n) }
	mapOf := func(n int64) Term {
		ks := seq(1, n, MakeInt)
		return NewMap(ks, ks)
	}
	s := map[string][]Term{}
	s["ints"] = seq(1, 1000, MakeInt)
	s["bigs"] = append(seq(-500, -1, MakeInt),
		MakeInt(1<<59-1), MakeBig(pow2(59)), MakeInt(-1<<59), MakeBig(new(big.Int).Sub(big.NewInt(-1<<59), big.NewInt(1))),
		MakeBig(pow2(64)), MakeBig(pow2(70)), MakeBig(new(big.Int).Neg(pow2(64))), MakeBig(new(big.Int).Add(pow2(128), big.NewInt(7))))
	s["floats"] = append(seq(1, 100, func(i int64) Term { return MakeFloat(float64(i) / 4) }),
		MakeFloat(0), MakeFloat(-1.5), MakeFloat(1e300), MakeFloat(1e-300))
	s["binaries"] = append(seq(1, 100, func(i int64) Term { return MakeBinary([]byte{byte(i >> 8), byte(i)}) }),
		MakeBinary([]byte("abcdefghijklmnop")), MakeBits([]byte{1 << 5}, 3), MakeBinary(nil),
		MakeBinary([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}), MakeBits([]byte{255, 254, (253 & 31) << 3}, 21))
	s["lists"] = append(seq(1, 100, func(i int64) Term { return MakeString(strconv.FormatInt(i, 10)) }),
		Nil, MakeList(MakeInt(1000), MakeInt(1)), MakeTuple(MakeInt(1), MakeInt(2)), MakeTuple(), MakeString("abcdefghi"),
		MakeListTail([]Term{MakeInt(1), MakeInt(2)}, MakeInt(3)), MakeList(MakeList(MakeInt(1)), MakeInt(2)),
		MakeTuple(MakeInt(1), MakeTuple(MakeInt(2), MakeList(MakeInt(3)))), MakeCons(MakeInt(1000), MakeInt(1000)),
		MakeList(MakeInt(300), MakeInt(1), MakeInt(2), MakeInt(3), MakeInt(4), MakeInt(5)))
	s["maps"] = append(seq(1, 40, func(i int64) Term { return NewMap([]Term{MakeInt(i)}, []Term{MakeInt(i)}) }), mapOf(33), mapOf(40))
	return s
}

// TestMapOrderMatchesOTP checks that large maps iterate in the order real
// OTP 25 does (testdata/maporder.golden, recorded by gen_maporder.sh).
func TestMapOrderMatchesOTP(t *testing.T) {
	f, err := os.Open("testdata/maporder.golden")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sets := orderSets()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	seen := 0
	for sc.Scan() {
		name, nums, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			t.Fatalf("bad golden line %q", sc.Text())
		}
		keys := sets[name]
		if keys == nil {
			t.Fatalf("golden set %q has no Go counterpart", name)
		}
		seen++
		var want []int
		for _, n := range strings.Fields(nums) {
			i, err := strconv.Atoi(n)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, i)
		}
		vals := make([]Term, len(keys))
		for i := range vals {
			vals[i] = MakeInt(int64(i + 1))
		}
		m := BuildMap(keys, vals)
		var got []int
		m.Range(func(_, v Term) bool { got = append(got, int(v.Small())); return true })
		if !slices.Equal(got, want) {
			t.Errorf("%s: iteration order differs from OTP's\n got %v\nwant %v", name, head(got), head(want))
		}
		var back []int
		m.RangeList(func(_, v Term) bool { back = append(back, int(v.Small())); return true })
		slices.Reverse(back)
		if !slices.Equal(back, want) {
			t.Errorf("%s: list order is not the reverse of iteration order", name)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != len(sets) {
		t.Errorf("golden has %d sets, Go has %d", seen, len(sets))
	}
}

func head(xs []int) []int { return xs[:min(len(xs), 20)] }

// TestMapPersistent builds, updates and shrinks a large map one key at a
// time and checks every version against a Go map, including that older
// versions are untouched by later updates.
func TestMapPersistent(t *testing.T) {
	const n = 3000
	m := EmptyMap.Map()
	var versions []*Map
	for i := 0; i < n; i++ {
		m = m.Put(MakeInt(int64(i)), MakeInt(int64(i*i)))
		if i%500 == 0 || i == FlatMax-1 || i == FlatMax {
			versions = append(versions, m)
		}
	}
	if m.Len() != n || m.IsFlat() {
		t.Fatalf("len %d flat %v", m.Len(), m.IsFlat())
	}
	for _, v := range versions {
		for i := 0; i < v.Len(); i++ {
			if got, ok := v.Get(MakeInt(int64(i))); !ok || got.Small() != int64(i*i) {
				t.Fatalf("version of %d keys lost key %d", v.Len(), i)
			}
		}
		if _, ok := v.Get(MakeInt(int64(v.Len()))); ok {
			t.Fatalf("version of %d keys has a later key", v.Len())
		}
	}
	// Updating keeps the size; updating to the same value gives an equal map.
	u := m.Put(MakeInt(7), MakeAtom("seven"))
	if u.Len() != n {
		t.Fatalf("update changed size to %d", u.Len())
	}
	if v, _ := m.Get(MakeInt(7)); v.Small() != 49 {
		t.Fatal("update changed the original")
	}
	if same := m.Put(MakeInt(n-1), MakeInt((n-1)*(n-1))); Compare(MakeMap(same), MakeMap(m)) != 0 || same.Len() != n {
		t.Error("putting a pair the map's tail holds changed the map")
	}
	if same := m.Put(MakeInt(7), MakeInt(49)); Compare(MakeMap(same), MakeMap(m)) != 0 || same.Len() != n {
		t.Error("putting an equal value changed the map")
	}
	// Float keys are distinct from integer keys.
	if _, ok := m.Get(MakeFloat(7)); ok {
		t.Error("7.0 found as a key of an integer-keyed map")
	}
	// Remove everything in a scrambled order.
	for i := 0; i < n; i++ {
		k := MakeInt(int64((i * 7919) % n))
		before := m.Len()
		m = m.Remove(k)
		if m.Len() != before-1 {
			t.Fatalf("remove %v: len %d -> %d", k, before, m.Len())
		}
		if _, ok := m.Get(k); ok {
			t.Fatalf("removed key %v still there", k)
		}
		if m.Len() <= FlatMax && !m.IsFlat() {
			t.Fatalf("map of %d keys is still a trie", m.Len())
		}
		if m.Remove(k) != m {
			t.Fatal("removing an absent key copied the map")
		}
	}
	if m.Len() != 0 {
		t.Fatalf("left %d keys", m.Len())
	}
}

// TestMapShapeIsCanonical: the same keys give the same iteration order
// however the map was built, as in BEAM.
func TestMapShapeIsCanonical(t *testing.T) {
	var keys, vals []Term
	for i := 0; i < 500; i++ {
		keys = append(keys, MakeInt(int64(i)))
		vals = append(vals, MakeInt(0))
	}
	a := BuildMap(keys, vals)
	b := EmptyMap.Map()
	for i := len(keys) - 1; i >= 0; i-- {
		b = b.Put(keys[i], vals[i])
	}
	for i := 500; i < 600; i++ {
		b = b.Put(MakeInt(int64(i)), MakeInt(0))
	}
	for i := 500; i < 600; i++ {
		b = b.Remove(MakeInt(int64(i)))
	}
	if !slices.Equal(a.Keys(), b.Keys()) {
		t.Error("the same keys iterate differently in two maps")
	}
	if Compare(MakeMap(a), MakeMap(b)) != 0 {
		t.Error("equal maps compare unequal")
	}
}

// TestLargeMapCompare: term order of large maps is by size, then sorted
// keys, then values in key order; == compares values arithmetically.
func TestLargeMapCompare(t *testing.T) {
	mk := func(n int, f func(i int) Term) Term {
		var ks, vs []Term
		for i := 0; i < n; i++ {
			ks = append(ks, MakeInt(int64(i)))
			vs = append(vs, f(i))
		}
		return NewMap(ks, vs)
	}
	ints := mk(100, func(i int) Term { return MakeInt(int64(i)) })
	floats := mk(100, func(i int) Term { return MakeFloat(float64(i)) })
	if !Equal(ints, floats) || ExactEqual(ints, floats) {
		t.Error("== / =:= of maps with 1 vs 1.0 values is wrong")
	}
	bigger := mk(100, func(i int) Term {
		if i == 99 {
			return MakeInt(1000)
		}
		return MakeInt(int64(i))
	})
	if Compare(ints, bigger) >= 0 || Compare(bigger, ints) <= 0 {
		t.Error("maps differing in the last key's value misordered")
	}
	if Compare(mk(101, func(int) Term { return Nil }), ints) <= 0 {
		t.Error("a larger map must sort after a smaller one")
	}
	// Keys differ: #{0..98, 200} vs #{0..99}: 99 < 200, so the second is less.
	other := ints.Map().Remove(MakeInt(99)).Put(MakeInt(200), MakeInt(99))
	if Compare(MakeMap(other), ints) <= 0 {
		t.Error("key comparison of large maps is not in key order")
	}
}

// TestMapHashCollisions: keys whose 32-bit hashes agree (these integers
// collide in OTP 25's hash) are told apart at the trie's deeper levels, by
// from_list and by put alike, and duplicates among them keep the last value.
func TestMapHashCollisions(t *testing.T) {
	pairs := [][2]int64{{40660, 59671}, {22575, 119693}, {121236, 167527}}
	var keys, vals []Term
	for _, p := range pairs {
		if mapKeyHash(MakeInt(p[0])) != mapKeyHash(MakeInt(p[1])) {
			t.Fatalf("%v no longer collide", p)
		}
		keys = append(keys, MakeInt(p[0]), MakeInt(p[1]), MakeInt(p[0]))
		vals = append(vals, MakeAtom("first"), MakeAtom("other"), MakeAtom("last"))
	}
	for i := int64(0); i < 40; i++ {
		keys = append(keys, MakeInt(i))
		vals = append(vals, MakeInt(i))
	}
	a := BuildMap(keys, vals)
	b := EmptyMap.Map()
	for i := range keys {
		b = b.Put(keys[i], vals[i])
	}
	if a.Len() != 46 || b.Len() != 46 {
		t.Fatalf("sizes %d and %d, want 46", a.Len(), b.Len())
	}
	if !slices.Equal(a.Keys(), b.Keys()) {
		t.Error("from_list and puts order colliding keys differently")
	}
	for _, p := range pairs {
		for _, m := range []*Map{a, b} {
			if v, _ := m.Get(MakeInt(p[0])); v.AtomName() != "last" {
				t.Errorf("key %d: %v, want last", p[0], v)
			}
			if v, _ := m.Get(MakeInt(p[1])); v.AtomName() != "other" {
				t.Errorf("key %d: %v, want other", p[1], v)
			}
		}
		r := a.Remove(MakeInt(p[0]))
		if _, ok := r.Get(MakeInt(p[0])); ok {
			t.Errorf("removed %d still there", p[0])
		}
		if _, ok := r.Get(MakeInt(p[1])); !ok {
			t.Errorf("removing %d lost %d", p[0], p[1])
		}
	}
}

// TestCollisionNode exercises the bucket the trie keeps keys in once their
// hashes agree at every level (only stand-in hashes can get there).
func TestCollisionNode(t *testing.T) {
	l := func(k int64) *hleaf { return &hleaf{key: MakeInt(k), val: MakeInt(k), hash: 7} }
	n := pairNode(l(1), l(2), collisionLevel)
	n, added := n.put(l(3), collisionLevel)
	if !added || n.size != 3 || !n.coll {
		t.Fatalf("put into bucket: added %v size %d coll %v", added, n.size, n.coll)
	}
	n, added = n.put(&hleaf{key: MakeInt(2), val: MakeAtom("two"), hash: 7}, collisionLevel)
	if added || n.size != 3 {
		t.Fatal("replacing in a bucket added a key")
	}
	if v, ok := n.get(MakeInt(2), 7); !ok || v.AtomName() != "two" {
		t.Fatalf("get from bucket: %v %v", v, ok)
	}
	n, ok := n.remove(MakeInt(1), 7, collisionLevel)
	if !ok || n.size != 2 {
		t.Fatal("remove from bucket failed")
	}
	if _, ok := n.get(MakeInt(1), 7); ok {
		t.Fatal("removed key still in bucket")
	}
	var seen []int64
	n.rangeForward(func(k, _ Term) bool { seen = append(seen, k.Small()); return true })
	if len(seen) != 2 {
		t.Fatalf("bucket iterates %v", seen)
	}
	b := buildNode([]unsafe.Pointer{unsafe.Pointer(l(5)), unsafe.Pointer(l(6))}, collisionLevel)
	if !b.coll || b.size != 2 {
		t.Fatal("buildNode at the last level did not make a bucket")
	}
}

// TestPairsFrom: starting at any position gives the next pairs of Range's
// order, for a trie and for a flat map.
func TestPairsFrom(t *testing.T) {
	for _, m := range []*Map{benchMap(700).Put(MakeInt(5000), Nil).Remove(MakeInt(3)), benchMap(20)} {
		all, vals := m.Keys(), m.Values()
		for _, start := range []int{0, 1, 15, 16, 17, 19, 20, 100, 333, 698, 699, 700} {
			for _, size := range []int{1, 10, 32, 1000} {
				for _, stride := range []int{2, 3} {
					dst := make([]Term, size*stride-(stride-2))
					n := m.PairsFrom(start, dst, stride)
					ks, vs := make([]Term, n), make([]Term, n)
					for i := range n {
						ks[i], vs[i] = dst[i*stride], dst[i*stride+1]
					}
					lo, hi := min(start, len(all)), min(start+size, len(all))
					if !slices.Equal(ks, all[lo:hi]) || !slices.Equal(vs, vals[lo:hi]) {
						t.Errorf("map of %d, PairsFrom(%d) into %d with stride %d: %d pairs, want %d", m.Len(), start, size, stride, n, hi-lo)
					}
				}
			}
		}
	}
}

// TestMapRandomOps runs random puts and removes over mixed key types
// against a reference (a slice searched with ExactEqual), checking size,
// lookups, that the representation follows the size, and that iteration
// is canonical (the same as a map built in one go from the same pairs).
func TestMapRandomOps(t *testing.T) {
	rng := uint64(12345)
	next := func(n int) int {
		rng ^= rng << 13
		rng ^= rng >> 7
		rng ^= rng << 17
		return int(rng % uint64(n))
	}
	key := func(i int) Term {
		switch i % 5 {
		case 0:
			return MakeInt(int64(i))
		case 1:
			return MakeFloat(float64(i)) // never =:= the integer i
		case 2:
			return MakeAtom("k" + strconv.Itoa(i))
		case 3:
			return MakeTuple(MakeInt(int64(i)), Nil)
		}
		return MakeString(strconv.Itoa(i))
	}
	type kv struct{ k, v Term }
	var ref []kv
	find := func(k Term) int {
		for i := range ref {
			if ExactEqual(ref[i].k, k) {
				return i
			}
		}
		return -1
	}
	m := EmptyMap.Map()
	for step := 0; step < 4000; step++ {
		k := key(next(150))
		if next(3) == 0 {
			m = m.Remove(k)
			if i := find(k); i >= 0 {
				ref = append(ref[:i], ref[i+1:]...)
			}
		} else {
			v := MakeInt(int64(step))
			m = m.Put(k, v)
			if i := find(k); i >= 0 {
				ref[i].v = v
			} else {
				ref = append(ref, kv{k, v})
			}
		}
		if m.Len() != len(ref) || m.IsFlat() != (len(ref) <= FlatMax) {
			t.Fatalf("step %d: len %d flat %v, reference %d", step, m.Len(), m.IsFlat(), len(ref))
		}
		if step%97 == 0 {
			ks, vs := make([]Term, len(ref)), make([]Term, len(ref))
			for i, p := range ref {
				ks[i], vs[i] = p.k, p.v
				if got, ok := m.Get(p.k); !ok || got != p.v {
					t.Fatalf("step %d: Get(%v) = %v %v, want %v", step, p.k, got, ok, p.v)
				}
			}
			built := BuildMap(ks, vs)
			if !slices.EqualFunc(built.Keys(), m.Keys(), ExactEqual) || !slices.Equal(built.Values(), m.Values()) {
				t.Fatalf("step %d: iteration differs from a map built in one go", step)
			}
			if Compare(MakeMap(built), MakeMap(m)) != 0 {
				t.Fatalf("step %d: equal maps compare unequal", step)
			}
		}
	}
}

// TestMapTailVersions: puts into a trie go through a tail shared by the
// versions built one after another; branching from an older version, re-
// putting a key, removing and iterating must all see exactly each version's
// own pairs.
func TestMapTailVersions(t *testing.T) {
	base := benchMap(100)
	check := func(what string, m *Map, want map[int64]int64) {
		t.Helper()
		if m.Len() != len(want) {
			t.Fatalf("%s: len %d, want %d", what, m.Len(), len(want))
		}
		ks, vs := make([]Term, 0, len(want)), make([]Term, 0, len(want))
		for k, v := range want {
			if got, ok := m.Get(MakeInt(k)); !ok || got.Small() != v {
				t.Fatalf("%s: Get(%d) = %v %v, want %d", what, k, got, ok, v)
			}
			ks, vs = append(ks, MakeInt(k)), append(vs, MakeInt(v))
		}
		if _, ok := m.Get(MakeInt(-1)); ok {
			t.Fatalf("%s: found a key never put", what)
		}
		built := BuildMap(ks, vs)
		if !slices.Equal(built.Keys(), m.Keys()) || !slices.Equal(built.Values(), m.Values()) {
			t.Fatalf("%s: iteration differs from a map built in one go", what)
		}
		if Compare(MakeMap(built), MakeMap(m)) != 0 || internalHash(MakeMap(m), 0) != internalHash(MakeMap(built), 0) {
			t.Fatalf("%s: differs from the map built in one go", what)
		}
	}
	want := map[int64]int64{}
	for i := int64(1); i <= 100; i++ {
		want[i] = i
	}
	clone := func(m map[int64]int64) map[int64]int64 {
		c := make(map[int64]int64, len(m))
		for k, v := range m {
			c[k] = v
		}
		return c
	}
	// A chain of 3*tailCap+5 puts, new keys and updates mixed, keeping every
	// version and what it should hold.
	m := base
	var chain []*Map
	var wants []map[int64]int64
	for i := int64(0); i < 3*tailCap+5; i++ {
		k := 1000 + i
		if i%4 == 3 {
			k = i % 50 // an update of a key of base's trie or of the tail
		}
		m = m.Put(MakeInt(k), MakeInt(i*10))
		want[k] = i * 10
		chain = append(chain, m)
		wants = append(wants, clone(want))
	}
	// Counting a version's keys does not merge its tail.
	if v := chain[10]; v.Len() != len(wants[10]) || v.merged.Load() != nil {
		t.Fatalf("Len of version 10: %d (want %d), merged %v", v.Len(), len(wants[10]), v.merged.Load() != nil)
	}
	// Branch from old versions: each branch starts its own tail.
	for _, at := range []int{0, 3, tailCap - 1, tailCap, 2*tailCap + 1} {
		b := chain[at].Put(MakeInt(5000), MakeInt(1)).Put(MakeInt(7), MakeInt(2))
		w := clone(wants[at])
		w[5000], w[7] = 1, 2
		check(fmt.Sprintf("branch at %d", at), b, w)
		if r := b.Remove(MakeInt(5000)); r.Len() != len(w)-1 {
			t.Fatalf("branch at %d: remove left %d", at, r.Len())
		}
	}
	for i, v := range chain {
		check(fmt.Sprintf("version %d", i), v, wants[i])
	}
	// A put of the value a tail already holds gives an equal map.
	last := chain[len(chain)-1]
	if same := last.Put(MakeInt(1000+3*tailCap+4), MakeInt((3*tailCap+4)*10)); Compare(MakeMap(same), MakeMap(last)) != 0 || same.Len() != last.Len() {
		t.Error("putting the tail's own pair changed the map")
	}
}

// TestMapTailConcurrent: goroutines putting onto the same version each get
// their own map (run with -race).
func TestMapTailConcurrent(t *testing.T) {
	base := benchMap(100).Put(MakeInt(-5), Nil)
	var wg sync.WaitGroup
	res := make([]*Map, 4)
	for g := range res {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := base
			for i := range 50 {
				m = m.Put(MakeInt(int64(1000*(g+1)+i)), MakeInt(int64(g)))
			}
			res[g] = m
		}()
	}
	wg.Wait()
	for g, m := range res {
		if m.Len() != 101+50 {
			t.Fatalf("goroutine %d: len %d", g, m.Len())
		}
		for i := range 50 {
			if v, ok := m.Get(MakeInt(int64(1000*(g+1) + i))); !ok || v.Small() != int64(g) {
				t.Fatalf("goroutine %d: key %d = %v %v", g, 1000*(g+1)+i, v, ok)
			}
		}
		if _, ok := m.Get(MakeInt(int64(1000 * (g%4 + 2)))); ok && g != 3 {
			t.Fatalf("goroutine %d sees another's key", g)
		}
	}
}

// TestMapPutsReleaseOldTries builds a map by puts, each on the last
// version, and checks that the tries of versions the program has dropped
// are collected while the final map is alive: a merged trie's leaves must
// not keep the heads of their tail, and through them the trie as it was
// before the tail, reachable.
func TestMapPutsReleaseOldTries(t *testing.T) {
	m := &Map{}
	for i := range 1000 {
		m = m.Put(MakeInt(int64(i)), MakeInt(int64(i)))
	}
	early := weak.Make(m.trie())
	for i := 1000; i < 5000; i++ {
		m = m.Put(MakeInt(int64(i)), MakeInt(int64(i)))
	}
	for range 3 {
		runtime.GC()
	}
	if early.Value() != nil {
		t.Error("the trie of a dropped version at 1,000 keys is still reachable from the map built on it")
	}
	if got, _ := m.Get(MakeInt(10)); got != MakeInt(10) || m.Len() != 5000 {
		t.Fatalf("map after 5,000 puts: Len %d, key 10 -> %v", m.Len(), got)
	}
	runtime.KeepAlive(m)
}

// TestMapKeyHashFastPaths checks mapKeyHash's shortcuts against the general
// hash: small integers across the range (the goldens check the general
// hash against OTP 25), and atoms, whose word is cached in their record,
// the same whether the atom was interned by a table or made apart, before
// and after the cache is filled.
func TestMapKeyHashFastPaths(t *testing.T) {
	for _, v := range []int64{0, 1, -1, 15, 16, 255, 256, 1 << 31, -1 << 31, 1<<32 + 5, SmallMax, SmallMin, SmallMax - 1, SmallMin + 1} {
		if got, want := mapKeyHash(MakeInt(v)), internalHash(MakeInt(v), 0); got != want {
			t.Errorf("mapKeyHash(%d) = %#x, the general hash %#x", v, got, want)
		}
	}
	atoms := NewAtoms(DefaultAtomLimit)
	for _, name := range []string{"a", "some_key_name", "ok", "", "ünïcode"} {
		interned, err := atoms.Intern(name)
		if err != nil {
			t.Fatal(err)
		}
		first := mapKeyHash(MakeAtom(name))
		for _, a := range []Term{MakeAtom(name), interned, interned} {
			if got := mapKeyHash(a); got != first {
				t.Errorf("atom %q: hash %#x, earlier %#x", name, got, first)
			}
		}
	}
	if mapKeyHash(MakeAtom("a")) == mapKeyHash(MakeAtom("b")) {
		t.Error("atoms a and b hash alike")
	}
}

// TestMapTailSizes: a chain of puts alone goes on in one tail after its
// first full one; a chain that also looks keys up or counts keeps
// tailCap-pair tails; and lookups in a big tail, which go through the
// version's merged trie, find what a scan would.
func TestMapTailSizes(t *testing.T) {
	maxTail := func(read func(m *Map, i int64)) (*Map, int) {
		m, most := EmptyMap.Map(), 0
		for i := range int64(2000) {
			m = m.Put(MakeInt(i), MakeInt(i*2))
			if read != nil {
				read(m, i)
			}
			if m.tail != nil {
				most = max(most, int(m.tail.room()))
			}
		}
		return m, most
	}
	// Puts alone: the tail after the first full one is a chain's.
	if m, _ := maxTail(nil); !m.tail.chain || m.root.size != FlatMax+1+tailCap {
		t.Errorf("puts alone: the last tail is a chain's %v, on a trie of %d keys; want a chain on the first merge's %d",
			m.tail.chain, m.root.size, FlatMax+1+tailCap)
	}
	get := func(m *Map, i int64) {
		if v, ok := m.Get(MakeInt(i / 2)); !ok || v != MakeInt(i/2*2) {
			t.Fatalf("get %d after %d puts: %v %v", i/2, i+1, v, ok)
		}
	}
	if _, most := maxTail(get); most != tailCap {
		t.Errorf("puts and gets: largest tail %d pairs, want %d", most, tailCap)
	}
	if _, most := maxTail(func(m *Map, i int64) { m.Len() }); most != tailCap {
		t.Errorf("puts and counts: largest tail %d pairs, want %d", most, tailCap)
	}
	m, _ := maxTail(nil)
	if m.ntail <= tailCap {
		t.Fatalf("the last version's tail holds %d pairs; the test needs more than %d", m.ntail, tailCap)
	}
	for i := range int64(2001) {
		v, ok := m.Get(MakeInt(i))
		if want := i < 2000; ok != want || ok && v != MakeInt(i*2) {
			t.Errorf("get %d: %v %v", i, v, ok)
		}
	}
}

// TestMapGrowingTails: versions inside a chain's tail (puts alone,
// tailFor) and branches from them hold what they should and iterate as
// maps built in one go do; the chain's probes come after it is built, so
// it stays one tail.
func TestMapGrowingTails(t *testing.T) {
	const puts = 1500
	want := make([]int64, 0, puts+100) // want[k] is key k's value
	ks := make([]Term, 100)
	for k := range ks {
		want = append(want, int64(k))
		ks[k] = MakeInt(int64(k))
	}
	m := BuildMap(ks, ks)
	type version struct {
		m    *Map
		vals []int64
	}
	var kept []version
	for i := range int64(puts) {
		k := int64(len(want))
		if i%5 == 4 {
			k = i * 7 % int64(len(want)) // an update of an earlier key
		} else {
			want = append(want, 0)
		}
		m = m.Put(MakeInt(k), MakeInt(-i))
		want[k] = -i
		if i%97 == 0 || i == puts-1 {
			kept = append(kept, version{m, slices.Clone(want)})
		}
	}
	if m.tail == nil || !m.tail.chain || m.ntail <= tailBig {
		t.Fatalf("the chain's last version sees %d pairs of its tail; the test needs a chain's, of more than %d", m.ntail, tailBig)
	}
	check := func(what string, m *Map, vals []int64) {
		t.Helper()
		ks, vs := make([]Term, len(vals)), make([]Term, len(vals))
		for k, v := range vals {
			ks[k], vs[k] = MakeInt(int64(k)), MakeInt(v)
			if got, ok := m.Get(ks[k]); !ok || got != vs[k] {
				t.Fatalf("%s: Get(%d) = %v %v, want %d", what, k, got, ok, v)
			}
		}
		if m.Len() != len(vals) {
			t.Fatalf("%s: len %d, want %d", what, m.Len(), len(vals))
		}
		built := BuildMap(ks, vs)
		if !slices.Equal(built.Keys(), m.Keys()) || !slices.Equal(built.Values(), m.Values()) {
			t.Fatalf("%s: iteration differs from a map built in one go", what)
		}
	}
	for i, v := range kept {
		// A branch first, while the version's tail is unmerged.
		b := v.m.Put(MakeInt(int64(len(v.vals))), MakeInt(1)).Put(MakeInt(3), MakeInt(2))
		bw := append(slices.Clone(v.vals), 1)
		bw[3] = 2
		check(fmt.Sprintf("branch of version %d", i), b, bw)
		check(fmt.Sprintf("version %d", i), v.m, v.vals)
	}
}

// TestMapChain: a chain of puts alone stays in one tail; walking a
// version puts its pairs in order without building the trie (a view) and
// a lookup then builds the trie from that order; both iterate as a map
// built in one go does, with updates of the trie's keys and of the
// chain's own, and with keys whose 32-bit hashes collide.
func TestMapChain(t *testing.T) {
	const rootKeys = 100
	type put struct{ k, v int64 }
	chain := func(puts []put) (*Map, []Term, []Term) {
		ks := make([]Term, rootKeys)
		for i := range ks {
			ks[i] = MakeInt(int64(i))
		}
		m := BuildMap(ks, ks)
		keys, vals := slices.Clone(ks), slices.Clone(ks)
		for _, p := range puts {
			m = m.Put(MakeInt(p.k), MakeInt(p.v))
			keys, vals = append(keys, MakeInt(p.k)), append(vals, MakeInt(p.v))
		}
		return m, keys, vals
	}
	var plain []put
	for i := range int64(900) {
		switch {
		case i%7 == 3:
			plain = append(plain, put{i % rootKeys, -i}) // a key of the trie
		case i%11 == 5:
			plain = append(plain, put{rootKeys + i/2, -i}) // a key the chain put
		default:
			plain = append(plain, put{rootKeys + i, i})
		}
	}
	collide := func(k, other int64) []put {
		return append(slices.Clone(plain[:400]), append([]put{{k, 1}, {other, 2}}, plain[400:]...)...)
	}
	for _, c := range []struct {
		name string
		puts []put
	}{
		{"updates", plain},
		{"colliding keys in the tail", collide(40660, 59671)},
		{"a new key put twice", collide(22575, 22575)},
	} {
		m, keys, vals := chain(c.puts)
		if !m.tail.chain || int(m.ntail) != len(c.puts)-tailCap {
			t.Fatalf("%s: the puts did not stay in one chain (trie %d keys, chain %v)", c.name, m.root.size, m.tail.chain)
		}
		want := BuildMap(keys, vals)
		if !slices.Equal(m.Keys(), want.Keys()) || !slices.Equal(m.Values(), want.Values()) {
			t.Fatalf("%s: walk differs from a map built in one go", c.name)
		}
		if !m.merged.Load().view {
			t.Errorf("%s: not walked through a view", c.name)
		}
		if m.Len() != want.Len() {
			t.Errorf("%s: Len %d, want %d", c.name, m.Len(), want.Len())
		}
		for i, k := range want.Keys() {
			if v, ok := m.Get(k); !ok || v != want.Values()[i] {
				t.Fatalf("%s: Get(%v) = %v %v, want %v", c.name, k, v, ok, want.Values()[i])
			}
		}
		if m.merged.Load().view {
			t.Errorf("%s: a lookup did not replace the view with the trie", c.name)
		}
		if !slices.Equal(m.Keys(), want.Keys()) || !slices.Equal(m.Values(), want.Values()) {
			t.Fatalf("%s: walk after lookups differs", c.name)
		}
		if got, ok := m.PairsFrom(want.Len()-1, make([]Term, 2), 2), want.Len() > 0; got != 1 || !ok {
			t.Errorf("%s: PairsFrom at the last pair copied %d", c.name, got)
		}
	}
	// Collisions with the trie: 22575 is in the trie, 119693 (the same
	// hash) and an update of 22575 in the chain.
	ks := []Term{MakeInt(22575)}
	for i := range int64(rootKeys) {
		ks = append(ks, MakeInt(1000+i))
	}
	m := BuildMap(ks, ks)
	keys, vals := slices.Clone(ks), slices.Clone(ks)
	for i := range int64(900) {
		k := 5000 + i
		switch i {
		case 450:
			k = 119693
		case 600:
			k = 22575 // an update of the trie's key, after its collider
		}
		m = m.Put(MakeInt(k), MakeInt(i))
		keys, vals = append(keys, MakeInt(k)), append(vals, MakeInt(i))
	}
	want := BuildMap(keys, vals)
	if !slices.Equal(m.Keys(), want.Keys()) || !slices.Equal(m.Values(), want.Values()) {
		t.Fatal("a chain key colliding with a trie key: walk differs from a map built in one go")
	}
	if !m.merged.Load().view {
		t.Error("a chain key colliding with a trie key was not walked through a view")
	}
}

// TestMapChainLookedInto: a chain that a lookup looks into stops at the
// next put, which starts a tailCap tail on the trie the lookup built;
// and a chain keeps only its latest block of heads, so versions the
// program dropped are collected.
func TestMapChainLookedInto(t *testing.T) {
	m := EmptyMap.Map()
	for i := range int64(1000) {
		m = m.Put(MakeInt(i), MakeInt(i))
	}
	early := weak.Make(m)
	for i := int64(1000); i < 1600; i++ {
		m = m.Put(MakeInt(i), MakeInt(i))
	}
	if !m.tail.chain {
		t.Fatal("1,600 puts alone did not end in a chain")
	}
	if v, ok := m.Get(MakeInt(7)); !ok || v != MakeInt(7) {
		t.Fatalf("Get(7) = %v %v", v, ok)
	}
	n := m.Put(MakeInt(-1), MakeInt(-1))
	if n.tail.chain || n.tail.room() != tailStart || n.root.size != 1600 || n.root != m.merged.Load() {
		t.Errorf("the put after a lookup: chain %v, room %d, trie of %d keys (the looked-up version's %v)",
			n.tail.chain, n.tail.room(), n.root.size, n.root == m.merged.Load())
	}
	for range 3 {
		runtime.GC()
	}
	if early.Value() != nil {
		t.Error("a dropped version at 1,000 puts is still reachable from the chain")
	}
	runtime.KeepAlive(m)
}
