package term

import (
	"sort"
	"unsafe"
)

// Map is an immutable Erlang map. Keys are kept sorted in map-key order
// (CompareExact), which is the order OTP prints and iterates maps of up to
// 32 keys in; otpbox uses it for every size.
type Map struct {
	keys, vals []Term
}

// EmptyMap is #{}.
var EmptyMap = MakeMap(&Map{})

// MakeMap wraps m as a term.
func MakeMap(m *Map) Term { return Term{w: uint64(KindMap), p: unsafe.Pointer(m)} }

// Map returns a map; valid only for KindMap.
func (t Term) Map() *Map { return (*Map)(t.p) }

// NewMap builds a map from parallel keys and values; a later duplicate key
// wins, as in #{K => 1, K => 2}.
func NewMap(keys, vals []Term) Term {
	m := &Map{}
	idx := make([]int, len(keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return CompareExact(keys[idx[a]], keys[idx[b]]) < 0 })
	for _, i := range idx {
		if n := len(m.keys); n > 0 && CompareExact(m.keys[n-1], keys[i]) == 0 {
			m.vals[n-1] = vals[i]
			continue
		}
		m.keys = append(m.keys, keys[i])
		m.vals = append(m.vals, vals[i])
	}
	return MakeMap(m)
}

// Len returns the number of keys.
func (m *Map) Len() int { return len(m.keys) }

// Keys returns the keys in order; not to be modified.
func (m *Map) Keys() []Term { return m.keys }

// Values returns the values in key order; not to be modified.
func (m *Map) Values() []Term { return m.vals }

func (m *Map) find(k Term) (int, bool) {
	i := sort.Search(len(m.keys), func(i int) bool { return CompareExact(m.keys[i], k) >= 0 })
	return i, i < len(m.keys) && CompareExact(m.keys[i], k) == 0
}

// Get returns the value under k.
func (m *Map) Get(k Term) (Term, bool) {
	if i, ok := m.find(k); ok {
		return m.vals[i], true
	}
	return Nil, false
}

// Put returns a copy of m with k set to v.
func (m *Map) Put(k, v Term) *Map {
	i, ok := m.find(k)
	if ok {
		vals := append([]Term(nil), m.vals...)
		vals[i] = v
		return &Map{keys: m.keys, vals: vals}
	}
	keys := make([]Term, len(m.keys)+1)
	vals := make([]Term, len(m.vals)+1)
	copy(keys, m.keys[:i])
	copy(vals, m.vals[:i])
	keys[i], vals[i] = k, v
	copy(keys[i+1:], m.keys[i:])
	copy(vals[i+1:], m.vals[i:])
	return &Map{keys: keys, vals: vals}
}

// Remove returns a copy of m without k.
func (m *Map) Remove(k Term) *Map {
	i, ok := m.find(k)
	if !ok {
		return m
	}
	keys := append(append([]Term(nil), m.keys[:i]...), m.keys[i+1:]...)
	vals := append(append([]Term(nil), m.vals[:i]...), m.vals[i+1:]...)
	return &Map{keys: keys, vals: vals}
}

// compareMaps orders maps by size, then keys in order, then values.
func compareMaps(a, b *Map, exact bool) int {
	if len(a.keys) != len(b.keys) {
		return sign(len(a.keys) - len(b.keys))
	}
	for i := range a.keys {
		if c := compare(a.keys[i], b.keys[i], true); c != 0 {
			return c
		}
	}
	for i := range a.vals {
		if c := compare(a.vals[i], b.vals[i], exact); c != 0 {
			return c
		}
	}
	return 0
}
