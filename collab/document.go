package collab

import (
	"fmt"
	"unicode/utf8"
)

// Document is a mutable text addressed by code point, stored as a list
// of chunks, each a small gap buffer of runes. An edit finds its chunk by
// walking from the chunk of the previous edit, then moves that chunk's gap:
// typing (edits next to each other) costs O(1), and a jump across the
// document costs a walk over chunk lengths, never a move of the text.
// docs/rationale.md has the measurements against the alternatives.
//
// A Document is not safe for concurrent use; the Hub gives each one to a
// single goroutine.
type Document struct {
	chunks []*gapBuffer
	length int
	// The chunk of the last edit and the offset of its first code point:
	// where the next edit's search starts.
	last, lastStart int
	chunkMax        int // maxChunk; smaller in tests, to exercise splits
}

// maxChunk is the most code points a chunk holds before it splits in two:
// small enough that moving a gap inside one is cheap, large enough that a
// megabyte document has a few hundred chunks to walk.
const maxChunk = 4096

// NewDocument returns a document holding text.
func NewDocument(text string) *Document { return newDocument(text, maxChunk) }

func newDocument(text string, chunkMax int) *Document {
	runes := []rune(text)
	d := &Document{length: len(runes), chunkMax: chunkMax}
	d.chunks = d.cut(runes)
	return d
}

// cut makes chunks of half the maximum size out of runes.
func (d *Document) cut(runes []rune) []*gapBuffer {
	var parts []*gapBuffer
	for len(runes) > d.chunkMax/2 {
		parts = append(parts, newGapBuffer(runes[:d.chunkMax/2]))
		runes = runes[d.chunkMax/2:]
	}
	return append(parts, newGapBuffer(runes))
}

// Len is the document's length in code points.
func (d *Document) Len() int { return d.length }

// String returns the document's text.
func (d *Document) String() string {
	b := make([]byte, 0, d.length)
	for _, c := range d.chunks {
		b = c.appendTo(b, 0, c.len())
	}
	return string(b)
}

// Slice returns the text between code point offsets from and to.
func (d *Document) Slice(from, to int) (string, error) {
	if from < 0 || to < from || to > d.length {
		return "", fmt.Errorf("collab: slice [%d,%d) out of range of a document of length %d", from, to, d.length)
	}
	b := make([]byte, 0, to-from)
	for from < to {
		ci, off := d.locateText(from)
		c := d.chunks[ci]
		k := min(c.len()-off, to-from)
		b = c.appendTo(b, off, off+k)
		from += k
	}
	return string(b), nil
}

// locate returns the chunk holding code point offset pos and the offset
// in it. An offset between two chunks belongs to the first (its end).
func (d *Document) locate(pos int) (ci, off int) {
	ci, start := d.last, d.lastStart
	for pos < start {
		ci--
		start -= d.chunks[ci].len()
	}
	for pos > start+d.chunks[ci].len() {
		start += d.chunks[ci].len()
		ci++
	}
	d.last, d.lastStart = ci, start
	return ci, pos - start
}

// locateText is locate for the code point at pos rather than the place
// before it: at the end of a chunk, it answers the start of the next.
func (d *Document) locateText(pos int) (ci, off int) {
	ci, off = d.locate(pos)
	if off == d.chunks[ci].len() && ci+1 < len(d.chunks) {
		d.last, d.lastStart = ci+1, pos
		return ci + 1, 0
	}
	return ci, off
}

// insert puts s, which has n code points, at pos.
func (d *Document) insert(pos int, s string, n int) {
	ci, off := d.locate(pos)
	c := d.chunks[ci]
	c.insert(off, s, n)
	d.length += n
	if c.len() > d.chunkMax {
		d.split(ci)
	}
}

// split replaces an oversized chunk by chunks of half the maximum.
func (d *Document) split(ci int) {
	parts := d.cut(d.chunks[ci].runes())
	d.chunks = append(d.chunks[:ci], append(parts, d.chunks[ci+1:]...)...)
	// The chunk's start is unchanged: the cache stays valid.
}

// remove deletes n code points at pos.
func (d *Document) remove(pos, n int) {
	d.length -= n
	for n > 0 {
		ci, off := d.locateText(pos)
		c := d.chunks[ci]
		k := min(n, c.len()-off)
		c.remove(off, k)
		n -= k
		if c.len() == 0 && len(d.chunks) > 1 {
			d.chunks = append(d.chunks[:ci], d.chunks[ci+1:]...)
			// The next chunk, if any, now starts where this one did.
			if ci == len(d.chunks) {
				ci--
				d.lastStart -= d.chunks[ci].len()
			}
			d.last = ci
		}
	}
}

// gapBuffer is one chunk of a Document: runes with a gap at the place of
// the last edit.
type gapBuffer struct {
	buf      []rune
	gapStart int // first index of the gap
	gapEnd   int // first index after the gap
}

// minGap is the smallest gap a growth leaves, so that a run of typing does
// not reallocate at every keystroke.
const minGap = 64

func newGapBuffer(runes []rune) *gapBuffer {
	g := &gapBuffer{buf: make([]rune, len(runes)+minGap)}
	copy(g.buf, runes)
	g.gapStart, g.gapEnd = len(runes), len(g.buf)
	return g
}

func (g *gapBuffer) len() int { return len(g.buf) - (g.gapEnd - g.gapStart) }

// appendTo appends the UTF-8 of code points [from, to) to b.
func (g *gapBuffer) appendTo(b []byte, from, to int) []byte {
	gap := g.gapEnd - g.gapStart
	for i := from; i < to; i++ {
		j := i
		if i >= g.gapStart {
			j += gap
		}
		b = utf8.AppendRune(b, g.buf[j])
	}
	return b
}

func (g *gapBuffer) runes() []rune {
	out := make([]rune, 0, g.len())
	out = append(out, g.buf[:g.gapStart]...)
	return append(out, g.buf[g.gapEnd:]...)
}

// moveGap puts the gap at code point offset pos.
func (g *gapBuffer) moveGap(pos int) {
	switch {
	case pos < g.gapStart:
		k := g.gapStart - pos
		copy(g.buf[g.gapEnd-k:g.gapEnd], g.buf[pos:g.gapStart])
		g.gapStart -= k
		g.gapEnd -= k
	case pos > g.gapStart:
		k := pos - g.gapStart
		copy(g.buf[g.gapStart:], g.buf[g.gapEnd:g.gapEnd+k])
		g.gapStart += k
		g.gapEnd += k
	}
}

// grow makes the gap at least n long.
func (g *gapBuffer) grow(n int) {
	if g.gapEnd-g.gapStart >= n {
		return
	}
	size := g.len()
	// Doubling keeps the amortized cost of growth constant per rune.
	newCap := max(2*len(g.buf), size+n+minGap)
	nb := make([]rune, newCap)
	copy(nb, g.buf[:g.gapStart])
	tail := len(g.buf) - g.gapEnd
	copy(nb[newCap-tail:], g.buf[g.gapEnd:])
	g.buf = nb
	g.gapEnd = newCap - tail
}

// insert puts s, which has n code points, at pos.
func (g *gapBuffer) insert(pos int, s string, n int) {
	g.moveGap(pos)
	g.grow(n)
	i := g.gapStart
	for _, r := range s {
		g.buf[i] = r
		i++
	}
	g.gapStart = i
}

// remove deletes n code points at pos.
func (g *gapBuffer) remove(pos, n int) {
	g.moveGap(pos)
	g.gapEnd += n
}

// Splice deletes del code points at pos and inserts ins there, like
// JavaScript's Array.prototype.splice, the editing traces' patch form.
func (d *Document) Splice(pos, del int, ins string) error {
	if pos < 0 || del < 0 || pos+del > d.length {
		return fmt.Errorf("collab: splice at %d deleting %d out of range of a document of length %d", pos, del, d.Len())
	}
	if del > 0 {
		d.remove(pos, del)
	}
	if ins != "" {
		d.insert(pos, ins, utf8.RuneCountInString(ins))
	}
	return nil
}

// Apply applies o to the document in place. On a length mismatch the
// document is left unchanged.
func (d *Document) Apply(o Op) error {
	if o.baseLen != d.Len() {
		return fmt.Errorf("collab: apply: %w: op base length %d, document length %d", ErrLengthMismatch, o.baseLen, d.Len())
	}
	pos := 0
	for _, c := range o.ops {
		switch {
		case c.isRetain():
			pos += c.n
		case c.isInsert():
			d.insert(pos, c.s, c.n)
			pos += c.n
		default:
			d.remove(pos, -c.n)
		}
	}
	return nil
}

// Invert returns the op that undoes o on this document (before o is
// applied), reading the deleted text from the document.
func (d *Document) Invert(o Op) (Op, error) {
	if o.baseLen != d.Len() {
		return Op{}, fmt.Errorf("collab: invert: %w: op base length %d, document length %d", ErrLengthMismatch, o.baseLen, d.Len())
	}
	var inv Op
	pos := 0
	for _, c := range o.ops {
		switch {
		case c.isRetain():
			inv.Retain(c.n)
			pos += c.n
		case c.isInsert():
			inv.Delete(c.n)
		default:
			s, err := d.Slice(pos, pos-c.n)
			if err != nil {
				return Op{}, err
			}
			inv.insertN(s, -c.n)
			pos -= c.n
		}
	}
	return inv, nil
}
