package collab

import (
	"fmt"
	"unicode/utf8"
)

// Document is a mutable text addressed by code point, stored as a gap
// buffer of runes: an edit costs the distance from the previous edit plus
// its own size, so typing (edits next to each other) is constant time at
// any document size. docs/rationale.md has the measurements against the
// alternatives.
//
// A Document is not safe for concurrent use; the Hub gives each one to a
// single goroutine.
type Document struct {
	buf      []rune
	gapStart int // first index of the gap
	gapEnd   int // first index after the gap
}

// NewDocument returns a document holding text.
func NewDocument(text string) *Document {
	n := utf8.RuneCountInString(text)
	d := &Document{buf: make([]rune, n+minGap)}
	i := 0
	for _, r := range text {
		d.buf[i] = r
		i++
	}
	// The gap starts at the end: documents usually grow there first.
	d.gapStart, d.gapEnd = n, len(d.buf)
	return d
}

// minGap is the smallest gap a growth leaves, so that a run of typing does
// not reallocate at every keystroke.
const minGap = 64

// Len is the document's length in code points.
func (d *Document) Len() int { return len(d.buf) - (d.gapEnd - d.gapStart) }

// String returns the document's text.
func (d *Document) String() string {
	b := make([]byte, 0, d.Len())
	for _, r := range d.buf[:d.gapStart] {
		b = utf8.AppendRune(b, r)
	}
	for _, r := range d.buf[d.gapEnd:] {
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// Slice returns the text between code point offsets from and to.
func (d *Document) Slice(from, to int) (string, error) {
	if from < 0 || to < from || to > d.Len() {
		return "", fmt.Errorf("collab: slice [%d,%d) out of range of a document of length %d", from, to, d.Len())
	}
	b := make([]byte, 0, to-from)
	for i := from; i < to; i++ {
		j := i
		if i >= d.gapStart {
			j += d.gapEnd - d.gapStart
		}
		b = utf8.AppendRune(b, d.buf[j])
	}
	return string(b), nil
}

// moveGap puts the gap at code point offset pos.
func (d *Document) moveGap(pos int) {
	switch {
	case pos < d.gapStart:
		k := d.gapStart - pos
		copy(d.buf[d.gapEnd-k:d.gapEnd], d.buf[pos:d.gapStart])
		d.gapStart -= k
		d.gapEnd -= k
	case pos > d.gapStart:
		k := pos - d.gapStart
		copy(d.buf[d.gapStart:], d.buf[d.gapEnd:d.gapEnd+k])
		d.gapStart += k
		d.gapEnd += k
	}
}

// grow makes the gap at least n long.
func (d *Document) grow(n int) {
	if d.gapEnd-d.gapStart >= n {
		return
	}
	size := d.Len()
	// Doubling keeps the amortized cost of growth constant per rune.
	newCap := max(2*len(d.buf), size+n+minGap)
	nb := make([]rune, newCap)
	copy(nb, d.buf[:d.gapStart])
	tail := len(d.buf) - d.gapEnd
	copy(nb[newCap-tail:], d.buf[d.gapEnd:])
	d.buf = nb
	d.gapEnd = newCap - tail
}

// insert puts s, which has n code points, at pos.
func (d *Document) insert(pos int, s string, n int) {
	d.moveGap(pos)
	d.grow(n)
	i := d.gapStart
	for _, r := range s {
		d.buf[i] = r
		i++
	}
	d.gapStart = i
}

// remove deletes n code points at pos.
func (d *Document) remove(pos, n int) {
	d.moveGap(pos)
	d.gapEnd += n
}

// Splice deletes del code points at pos and inserts ins there, like
// JavaScript's Array.prototype.splice, the editing traces' patch form.
func (d *Document) Splice(pos, del int, ins string) error {
	if pos < 0 || del < 0 || pos+del > d.Len() {
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
