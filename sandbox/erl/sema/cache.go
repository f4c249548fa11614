package sema

import (
	"hash/maphash"
	"strconv"
	"strings"
	"sync"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Cache keeps the results of checking each function of one file, so that
// checking the file again after an edit re-checks only the functions
// whose tokens changed (or all of them when something they depend on
// changed: an attribute, a -compile option, the set of functions). The
// language server keeps one Cache per open document and passes it in
// Options; results are the same with or without it.
//
// A function's entry is keyed by a hash of its preprocessed tokens with
// positions relative to its first token, so that a function moved by an
// edit above it is still found, and its diagnostics are moved with it.
type Cache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[cacheKey]*cacheEntry
	seed    maphash.Seed
	// parser's token buffers are reused from check to check; parseMu
	// guards them (CheckSource falls back to fresh buffers when it is
	// held).
	parseMu sync.Mutex
	parser  epp.Reparser
	// Hits and Misses count functions replayed and checked, for tests
	// and the language server's logs.
	Hits, Misses int
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{entries: map[cacheKey]*cacheEntry{}, seed: maphash.MakeSeed()}
}

type cacheKey struct{ form, env uint64 }

// cacheEntry is what checking one function added to the checker's state,
// with positions relative to the function's start.
type cacheEntry struct {
	gen     uint64
	diags   []Diagnostic
	called  []calledAt
	edges   []FA
	records []string
	imports []FA
	loadNif bool
}

func relPos(p, base syntax.Pos) syntax.Pos {
	return syntax.Pos{Line: p.Line - base.Line, Col: p.Col, Offset: p.Offset - base.Offset}
}

func absPos(p, base syntax.Pos) syntax.Pos {
	return syntax.Pos{Line: p.Line + base.Line, Col: p.Col, Offset: p.Offset + base.Offset}
}

// fnv64 is FNV-1a, enough to tell token streams apart.
type fnv64 uint64

const fnvOffset fnv64 = 14695981039346656037

func (h fnv64) str(s string) fnv64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ fnv64(s[i])) * 1099511628211
	}
	return h.int(int64(len(s)))
}

func (h fnv64) int(n int64) fnv64 {
	for i := 0; i < 8; i++ {
		h = (h ^ fnv64(byte(n))) * 1099511628211
		n >>= 8
	}
	return h
}

// formHashes hashes each form's tokens as the parser groups them (see
// formFiles), with positions relative to the form's first token. It
// returns nil when the grouping disagrees with the parser's form count.
//
// Strings are hashed with maphash and everything is folded into one
// 64-bit state per form, token by token: serializing the tokens into a
// buffer to hash it took 3–4 ms of a 10,000-line module's 18 ms re-check.
func formHashes(toks []syntax.Token, tx *syntax.Texts, nforms int, seed maphash.Seed) []uint64 {
	hashes := make([]uint64, 0, nforms)
	formStart := maphash.String(seed, "form")
	h, start, open := formStart, syntax.Pos{}, false
	// Tokens of one header share one file: hash its name once.
	var lastFile uint16
	var lastFileHash uint64
	pair := func(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }
	for i := range toks {
		t := &toks[i]
		if t.Kind == syntax.COMMENT || t.Kind == syntax.EOF {
			continue
		}
		if !open {
			h, start, open = formStart, t.Pos, true
		}
		r, re := relPos(t.Pos, start), relPos(t.End, start)
		h = mix(h, pair(r.Line, r.Col)^uint64(t.Kind)<<56)
		h = mix(h, pair(r.Offset, re.Offset))
		h = mix(h, pair(re.Line, re.Col))
		h = mix(h, maphash.String(seed, tx.Text(t)))
		if t.LitIdx != 0 {
			// Otherwise the value is a function of kind and text.
			h = mix(h, maphash.String(seed, tx.Lit(t))^1)
		}
		if t.FileIdx != 0 {
			if t.FileIdx != lastFile {
				lastFile, lastFileHash = t.FileIdx, maphash.String(seed, tx.File(t))
			}
			h = mix(h, lastFileHash^2)
		}
		if t.MacroIdx != 0 {
			m := tx.Macro(t)
			h = mix(h, pair(m.Line-start.Line, m.Col)^3)
		}
		if t.Kind == syntax.DOT || t.Kind == syntax.ILLEGAL {
			hashes = append(hashes, finish(h))
			open = false
		}
	}
	if open {
		hashes = append(hashes, finish(h))
	}
	if len(hashes) != nforms {
		return nil
	}
	return hashes
}

// mix folds v into the hash state h: one multiply and xor-shift per word
// keeps the chain short; finish mixes the state fully once per form.
func mix(h, v uint64) uint64 {
	h = (h ^ v) * 0x9e3779b97f4a7c15
	return h ^ h>>32
}

// finish is splitmix64's finalizer.
func finish(h uint64) uint64 {
	h ^= h >> 31
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 31
	h *= 0x94d049bb133111eb
	return h ^ h>>29
}

// begin starts a check run: entries not used by it are dropped at end.
func (ca *Cache) begin() {
	ca.mu.Lock()
	ca.gen++
	ca.mu.Unlock()
}

func (ca *Cache) end() {
	ca.mu.Lock()
	defer ca.mu.Unlock()
	for k, e := range ca.entries {
		if e.gen != ca.gen {
			delete(ca.entries, k)
		}
	}
}

func (ca *Cache) get(k cacheKey) *cacheEntry {
	ca.mu.Lock()
	defer ca.mu.Unlock()
	e := ca.entries[k]
	if e != nil {
		e.gen = ca.gen
		ca.Hits++
	} else {
		ca.Misses++
	}
	return e
}

func (ca *Cache) put(k cacheKey, e *cacheEntry) {
	ca.mu.Lock()
	defer ca.mu.Unlock()
	e.gen = ca.gen
	ca.entries[k] = e
}

// cachedFunction checks a function's clauses through the cache: it
// replays a stored result, or checks and stores one.
func (c *checker) cachedFunction(f *syntax.Function, fa FA, hash uint64) {
	ca := c.opts.Cache
	if ca == nil || hash == 0 || c.file != c.m.File || len(c.calls[fa]) > 0 {
		for _, cl := range f.Clauses {
			c.functionClause(cl)
		}
		return
	}
	key := cacheKey{hash, c.envHash}
	base := f.Pos
	if e := ca.get(key); e != nil {
		for _, d := range e.diags {
			d.Pos, d.End, d.File = absPos(d.Pos, base), absPos(d.End, base), c.file
			d.Message = shiftLines(d.Message, base.Line)
			c.diags = append(c.diags, d)
		}
		for _, cl := range e.called {
			cl.pos, cl.end, cl.file = absPos(cl.pos, base), absPos(cl.end, base), c.file
			c.called = append(c.called, cl)
		}
		for _, to := range e.edges {
			c.edge(fa, to)
		}
		for _, r := range e.records {
			c.usedRecords[r] = true
		}
		for _, i := range e.imports {
			c.usedImports[i] = true
		}
		c.loadNif = c.loadNif || e.loadNif
		return
	}
	nd, nc := len(c.diags), len(c.called)
	c.recording = true
	c.recordLog, c.importLog = c.recordLog[:0], c.importLog[:0]
	loadNif := c.loadNif
	c.loadNif = false
	for _, cl := range f.Clauses {
		c.functionClause(cl)
	}
	c.recording = false
	e := &cacheEntry{
		records: append([]string(nil), c.recordLog...),
		imports: append([]FA(nil), c.importLog...),
		loadNif: c.loadNif,
	}
	c.loadNif = c.loadNif || loadNif
	for _, d := range c.diags[nd:] {
		d.Pos, d.End, d.File = relPos(d.Pos, base), relPos(d.End, base), ""
		d.Message = shiftLines(d.Message, -base.Line)
		e.diags = append(e.diags, d)
	}
	for _, cl := range c.called[nc:] {
		cl.pos, cl.end, cl.file = relPos(cl.pos, base), relPos(cl.end, base), ""
		e.called = append(e.called, cl)
	}
	for to := range c.calls[fa] {
		e.edges = append(e.edges, to)
	}
	ca.put(key, e)
}

// shiftLines moves the "(line N, column C)" references of unsafe and
// exported variable messages by delta lines, as the cache stores them
// relative to the function.
func shiftLines(msg string, delta int32) string {
	const tag = "(line "
	i := strings.Index(msg, tag)
	if i < 0 {
		return msg
	}
	j := i + len(tag)
	k := j
	for k < len(msg) && msg[k] >= '0' && msg[k] <= '9' {
		k++
	}
	n, err := strconv.Atoi(msg[j:k])
	if err != nil {
		return msg
	}
	return msg[:j] + strconv.Itoa(n+int(delta)) + msg[k:]
}

func (c *checker) markRecord(name string) {
	c.usedRecords[name] = true
	if c.recording {
		c.recordLog = append(c.recordLog, name)
	}
}

func (c *checker) markImport(fa FA) {
	c.usedImports[fa] = true
	if c.recording {
		c.importLog = append(c.importLog, fa)
	}
}
