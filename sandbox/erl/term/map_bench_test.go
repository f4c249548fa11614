package term

import "testing"

func benchMap(n int) *Map {
	ks := make([]Term, n)
	for i := range ks {
		ks[i] = MakeInt(int64(i + 1))
	}
	return BuildMap(ks, ks)
}

// BenchmarkMapPut200k builds a 200,000-key map one persistent put at a time.
func BenchmarkMapPut200k(b *testing.B) {
	for b.Loop() {
		m := EmptyMap.Map()
		for i := int64(0); i < 200000; i++ {
			m = m.Put(MakeInt(i), MakeInt(i))
		}
	}
}

// BenchmarkMapFromList200k builds the same map in one go (maps:from_list).
func BenchmarkMapFromList200k(b *testing.B) {
	for b.Loop() {
		benchMap(200000)
	}
}

// BenchmarkMapRange200k visits every pair of a 200,000-key map.
func BenchmarkMapRange200k(b *testing.B) {
	m := benchMap(200000)
	for b.Loop() {
		sum := int64(0)
		m.Range(func(_, v Term) bool { sum += v.Small(); return true })
	}
}

// BenchmarkMapPairsFromBatches copies a 200,000-key map out 32 pairs at a
// time, as maps:fold's iterator does.
func BenchmarkMapPairsFromBatches(b *testing.B) {
	m := benchMap(200000)
	var dst [3 * 32]Term
	for b.Loop() {
		for pos := 0; pos < m.Len(); pos += 32 {
			m.PairsFrom(pos, dst[:], 3)
		}
	}
}

// BenchmarkMapGet200k looks up every key of a 200,000-key map.
func BenchmarkMapGet200k(b *testing.B) {
	m := benchMap(200000)
	for b.Loop() {
		for i := int64(1); i <= 200000; i++ {
			m.Get(MakeInt(i))
		}
	}
}

// BenchmarkFlatGet looks up each key of a 10-key atom-keyed map (a record-
// like map, the common small case).
func BenchmarkFlatGet(b *testing.B) {
	var ks []Term
	for _, n := range []string{"id", "name", "state", "count", "owner", "tags", "created", "updated", "parent", "meta"} {
		ks = append(ks, MakeAtom(n))
	}
	m := BuildMap(ks, ks)
	for b.Loop() {
		for _, k := range ks {
			m.Get(k)
		}
	}
}

// BenchmarkMapPut2k builds a 2,000-key map one persistent put at a time
// (the sandbox's MapWork2k without the interpreter).
func BenchmarkMapPut2k(b *testing.B) {
	for b.Loop() {
		m := EmptyMap.Map()
		for i := int64(2000); i > 0; i-- {
			m = m.Put(MakeInt(i), MakeInt(2*i))
		}
	}
}

// BenchmarkMapPutThenFold2k builds a 2,000-key map by puts, then walks
// it in 32-pair batches as maps:fold does (MapWork2k without the
// interpreter): the walk puts a chain's pairs in order (Map.ordered).
func BenchmarkMapPutThenFold2k(b *testing.B) {
	var buf [64]Term
	for b.Loop() {
		m := EmptyMap.Map()
		for i := int64(2000); i > 0; i-- {
			m = m.Put(MakeInt(i), MakeInt(2*i))
		}
		sum := int64(0)
		for pos := 0; ; {
			n := m.PairsFrom(pos, buf[:], 2)
			if n == 0 {
				break
			}
			for i := range n {
				sum += buf[2*i].Small() + buf[2*i+1].Small()
			}
			pos += n
		}
		if sum != 3*2000*2001/2 {
			b.Fatalf("sum %d", sum)
		}
	}
}

// BenchmarkMapPutThenGet2k builds a 2,000-key map by puts, then looks up
// every key once: the lookups of a map whose last puts are in its tail
// (a big one, mapTail.probed).
func BenchmarkMapPutThenGet2k(b *testing.B) {
	for b.Loop() {
		m := EmptyMap.Map()
		for i := int64(2000); i > 0; i-- {
			m = m.Put(MakeInt(i), MakeInt(2*i))
		}
		for i := int64(2000); i > 0; i-- {
			m.Get(MakeInt(i))
		}
	}
}

// BenchmarkMapPutBranches puts one key into the same 1,000-key map 1,000
// times (each result a separate version, as in [M#{K => V} || K <- Ks]).
func BenchmarkMapPutBranches(b *testing.B) {
	m := benchMap(990)
	for i := int64(0); i < 10; i++ {
		m = m.Put(MakeInt(-i), Nil) // a map with pairs in its tail
	}
	for b.Loop() {
		for i := int64(0); i < 1000; i++ {
			m.Put(MakeInt(5000+i), Nil)
		}
	}
}

// BenchmarkMapCount counts 20,000 keys drawn from 2,000 into a map, a get
// and a put each (M#{K => maps:get(K, M, 0) + 1}): lookups on maps whose
// latest puts are in their tail.
func BenchmarkMapCount(b *testing.B) {
	for b.Loop() {
		m := EmptyMap.Map()
		x := uint32(1)
		for range 20000 {
			x = x*1103515245 + 12345
			k := MakeInt(int64(x>>8) % 2000)
			n := int64(0)
			if v, ok := m.Get(k); ok {
				n, _ = v.Int()
			}
			m = m.Put(k, MakeInt(n+1))
		}
	}
}

// BenchmarkAtomKeyHash hashes an atom as a map key (a trie of atom keys
// hashes each key at every put and get).
func BenchmarkAtomKeyHash(b *testing.B) {
	a := MakeAtom("some_key_name")
	for b.Loop() {
		mapKeyHash(a)
	}
}
