// Package collab is otpbox's collaborative text engine: ot.js-compatible
// text operations (apply, compose, transform, invert), a document
// representation cheap to edit when large, and the Hub, which sequences the
// operations of many documents, one goroutine per document, on top of a
// durable operation Log that the server implements.
//
// Positions and lengths are Unicode code points throughout. ot.js counts
// UTF-16 code units; the two agree on the Basic Multilingual Plane, and a
// client outside it converts at its edge.
package collab

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// component is one item of an operation. An insert has s != "" and n equal
// to the number of code points of s (kept so that lengths never need a
// rescan); otherwise n > 0 retains and n < 0 deletes.
type component struct {
	n int
	s string
}

func (c component) isInsert() bool { return c.s != "" }
func (c component) isRetain() bool { return c.s == "" && c.n > 0 }
func (c component) isDelete() bool { return c.s == "" && c.n < 0 }

// Op is a text operation in the sense of ot.js's TextOperation: a sequence
// of retains, inserts and deletes that walks the whole document, so that it
// applies only to a document of exactly BaseLen code points and yields one of
// TargetLen.
//
// Ops are built with Retain, Insert and Delete, which normalize as ot.js
// does: adjacent components of one kind merge, empty ones vanish, and an
// insert written right after a delete is placed before it (the two orders
// mean the same edit; one canonical form makes equal edits compare equal).
// The zero Op is the no-op on the empty document.
//
// An Op is a value; the builder methods take a pointer and must not be used
// on an Op that is shared between goroutines.
type Op struct {
	ops       []component
	baseLen   int
	targetLen int
}

// BaseLen is the length, in code points, of the documents the op applies to.
func (o Op) BaseLen() int { return o.baseLen }

// TargetLen is the length, in code points, of the document the op produces.
func (o Op) TargetLen() int { return o.targetLen }

// Len is the number of components (retains, inserts, deletes) of the op.
func (o Op) Len() int { return len(o.ops) }

// IsNoop reports whether the op changes nothing: it is empty or a single
// retain.
func (o Op) IsNoop() bool {
	return len(o.ops) == 0 || (len(o.ops) == 1 && o.ops[0].isRetain())
}

// Retain appends "skip n code points". It returns o so calls chain.
func (o *Op) Retain(n int) *Op {
	if n <= 0 {
		// ot.js throws on negative counts; the builder is internal API
		// driven by validated data, so a non-positive count is dropped.
		return o
	}
	o.baseLen += n
	o.targetLen += n
	if l := len(o.ops); l > 0 && o.ops[l-1].isRetain() {
		o.ops[l-1].n += n
		return o
	}
	o.ops = append(o.ops, component{n: n})
	return o
}

// Insert appends "insert s here". It returns o so calls chain.
func (o *Op) Insert(s string) *Op {
	if s == "" {
		return o
	}
	return o.insertN(s, utf8.RuneCountInString(s))
}

// insertN is Insert with the code point count of s already known.
func (o *Op) insertN(s string, n int) *Op {
	o.targetLen += n
	l := len(o.ops)
	switch {
	case l > 0 && o.ops[l-1].isInsert():
		o.ops[l-1].s += s
		o.ops[l-1].n += n
	case l > 0 && o.ops[l-1].isDelete():
		// ot.js keeps inserts before deletes: merge into an insert that
		// precedes the delete, or slide the new insert in front of it.
		if l > 1 && o.ops[l-2].isInsert() {
			o.ops[l-2].s += s
			o.ops[l-2].n += n
		} else {
			o.ops = append(o.ops, o.ops[l-1])
			o.ops[l-1] = component{n: n, s: s}
		}
	default:
		o.ops = append(o.ops, component{n: n, s: s})
	}
	return o
}

// Delete appends "delete n code points". n may be given positive or
// negative, as in ot.js. It returns o so calls chain.
func (o *Op) Delete(n int) *Op {
	if n == 0 {
		return o
	}
	if n > 0 {
		n = -n
	}
	o.baseLen -= n
	if l := len(o.ops); l > 0 && o.ops[l-1].isDelete() {
		o.ops[l-1].n += n
		return o
	}
	o.ops = append(o.ops, component{n: n})
	return o
}

// add appends a component through the normalizing builders.
func (o *Op) add(c component) {
	switch {
	case c.isInsert():
		o.insertN(c.s, c.n)
	case c.isRetain():
		o.Retain(c.n)
	default:
		o.Delete(c.n)
	}
}

// Equal reports whether two ops are the same sequence of components.
func (o Op) Equal(p Op) bool {
	if len(o.ops) != len(p.ops) || o.baseLen != p.baseLen {
		return false
	}
	for i := range o.ops {
		if o.ops[i] != p.ops[i] {
			return false
		}
	}
	return true
}

// String renders the op in its JSON form, for logs and test failures.
func (o Op) String() string {
	b, _ := o.MarshalJSON()
	return string(b)
}

// MarshalJSON encodes the op as ot.js's toJSON does: an array of positive
// integers (retain), strings (insert) and negative integers (delete).
func (o Op) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, c := range o.ops {
		if i > 0 {
			b.WriteByte(',')
		}
		if c.isInsert() {
			s, err := json.Marshal(c.s)
			if err != nil {
				return nil, fmt.Errorf("collab: encoding insert %d: %w", i, err)
			}
			b.Write(s)
		} else {
			b.WriteString(strconv.Itoa(c.n))
		}
	}
	b.WriteByte(']')
	return b.Bytes(), nil
}

// ErrMalformedOp is wrapped by every error UnmarshalJSON returns for JSON
// that is not a valid operation.
var ErrMalformedOp = errors.New("malformed operation")

// UnmarshalJSON decodes ot.js's JSON form, normalizing as fromJSON does.
// It rejects anything else with an error that names the offending item:
// zero, fractional or out-of-range numbers, other JSON types, and strings
// that are not valid UTF-8. An empty string insert is accepted and
// dropped, as ot.js does.
func (o *Op) UnmarshalJSON(data []byte) error {
	if !utf8.Valid(data) {
		// encoding/json would silently turn bad bytes into U+FFFD.
		return fmt.Errorf("collab: %w: not valid UTF-8", ErrMalformedOp)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var items []any
	if err := dec.Decode(&items); err != nil {
		return fmt.Errorf("collab: %w: want a JSON array of retains (n>0), inserts (\"text\") and deletes (n<0): %w", ErrMalformedOp, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("collab: %w: data after the operation's array", ErrMalformedOp)
	}
	if items == nil && !bytes.Equal(bytes.TrimSpace(data), []byte("[]")) {
		return fmt.Errorf("collab: %w: want a JSON array, got %s", ErrMalformedOp, truncate(data))
	}
	var op Op
	for i, it := range items {
		switch v := it.(type) {
		case json.Number:
			n, err := strconv.ParseInt(v.String(), 10, 64)
			if err != nil || n == 0 || n > maxCount || n < -maxCount {
				return fmt.Errorf("collab: %w: item %d is %s, want a non-zero integer (retain n>0, delete n<0)", ErrMalformedOp, i, v)
			}
			if n > 0 {
				op.Retain(int(n))
			} else {
				op.Delete(int(n))
			}
		case string:
			op.Insert(v)
		default:
			return fmt.Errorf("collab: %w: item %d is %s, want an integer or a string", ErrMalformedOp, i, jsonKind(it))
		}
	}
	*o = op
	return nil
}

// maxCount bounds a retain or delete so that lengths cannot overflow.
const maxCount = 1 << 40

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("%T", v)
}

func truncate(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// ParseOp decodes an op from its JSON form.
func ParseOp(s string) (Op, error) {
	var o Op
	err := o.UnmarshalJSON([]byte(s))
	return o, err
}

// ErrLengthMismatch is wrapped by errors about an op whose base length does
// not fit the document or the other op it is combined with.
var ErrLengthMismatch = errors.New("operation length does not match the document")

// Apply applies o to doc and returns the result.
func Apply(doc string, o Op) (string, error) {
	n := utf8.RuneCountInString(doc)
	if n != o.baseLen {
		return "", fmt.Errorf("collab: apply: %w: op base length %d, document length %d", ErrLengthMismatch, o.baseLen, n)
	}
	var b strings.Builder
	b.Grow(len(doc) + o.targetLen - o.baseLen)
	rest := doc
	for _, c := range o.ops {
		switch {
		case c.isInsert():
			b.WriteString(c.s)
		case c.isRetain():
			k := byteOffset(rest, c.n)
			b.WriteString(rest[:k])
			rest = rest[k:]
		default:
			rest = rest[byteOffset(rest, -c.n):]
		}
	}
	return b.String(), nil
}

// byteOffset returns the byte index of the n-th code point of s (len(s) if
// s is shorter).
func byteOffset(s string, n int) int {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return i
}

// splitInsert splits an insert component after n code points.
func splitInsert(c component, n int) (head, tail component) {
	k := byteOffset(c.s, n)
	return component{n: n, s: c.s[:k]}, component{n: c.n - n, s: c.s[k:]}
}

// cursor walks the components of an op, handing out pieces of them.
type cursor struct {
	ops []component
	i   int
	cur component
	ok  bool
}

func newCursor(o Op) *cursor {
	c := &cursor{ops: o.ops}
	c.next()
	return c
}

func (c *cursor) next() {
	if c.i < len(c.ops) {
		c.cur, c.ok = c.ops[c.i], true
		c.i++
		return
	}
	c.cur, c.ok = component{}, false
}

// take consumes n units (code points) of the current retain, delete or
// insert; n must not exceed its length.
func (c *cursor) take(n int) {
	switch {
	case c.cur.isInsert():
		if n == c.cur.n {
			c.next()
			return
		}
		_, c.cur = splitInsert(c.cur, n)
	case c.cur.isRetain():
		c.cur.n -= n
		if c.cur.n == 0 {
			c.next()
		}
	default:
		c.cur.n += n
		if c.cur.n == 0 {
			c.next()
		}
	}
}

// size is the length of the current component.
func (c *cursor) size() int {
	if c.cur.n < 0 {
		return -c.cur.n
	}
	return c.cur.n
}

// Compose returns the single op that has the effect of a followed by b:
// Apply(Apply(S, a), b) == Apply(S, Compose(a, b)). b must apply to a's
// result (b.BaseLen() == a.TargetLen()).
func Compose(a, b Op) (Op, error) {
	if a.targetLen != b.baseLen {
		return Op{}, fmt.Errorf("collab: compose: %w: first op's target length %d, second op's base length %d", ErrLengthMismatch, a.targetLen, b.baseLen)
	}
	var out Op
	out.ops = make([]component, 0, len(a.ops)+len(b.ops))
	x, y := newCursor(a), newCursor(b)
	for x.ok || y.ok {
		if x.ok && x.cur.isDelete() {
			out.Delete(x.cur.n)
			x.next()
			continue
		}
		if y.ok && y.cur.isInsert() {
			out.insertN(y.cur.s, y.cur.n)
			y.next()
			continue
		}
		if !x.ok || !y.ok {
			// Unreachable when the lengths agree, which was checked.
			return Op{}, fmt.Errorf("collab: compose: %w: ops do not line up", ErrLengthMismatch)
		}
		n := min(x.size(), y.size())
		switch {
		case x.cur.isRetain() && y.cur.isRetain():
			out.Retain(n)
		case x.cur.isInsert() && y.cur.isRetain():
			h, _ := splitInsert(x.cur, n)
			out.insertN(h.s, n)
		case x.cur.isInsert() && y.cur.isDelete():
			// Inserted then deleted: nothing remains.
		case x.cur.isRetain() && y.cur.isDelete():
			out.Delete(n)
		}
		x.take(n)
		y.take(n)
	}
	return out, nil
}

// Transform takes two ops a and b made concurrently on the same document
// and returns a' and b' such that Apply(Apply(S, a), b') ==
// Apply(Apply(S, b), a'). When both insert at the same position, a's insert
// goes first: ot.js's tie-break. Like ot.js's Server, the Hub passes the
// incoming op as a and the committed op as b, and ot.js's Client passes its
// own pending op as a, so server and clients break ties the same way.
func Transform(a, b Op) (aPrime, bPrime Op, err error) {
	if a.baseLen != b.baseLen {
		return Op{}, Op{}, fmt.Errorf("collab: transform: %w: base lengths %d and %d differ", ErrLengthMismatch, a.baseLen, b.baseLen)
	}
	aPrime.ops = make([]component, 0, len(a.ops)+1)
	bPrime.ops = make([]component, 0, len(b.ops)+1)
	x, y := newCursor(a), newCursor(b)
	for x.ok || y.ok {
		if x.ok && x.cur.isInsert() {
			aPrime.insertN(x.cur.s, x.cur.n)
			bPrime.Retain(x.cur.n)
			x.next()
			continue
		}
		if y.ok && y.cur.isInsert() {
			aPrime.Retain(y.cur.n)
			bPrime.insertN(y.cur.s, y.cur.n)
			y.next()
			continue
		}
		if !x.ok || !y.ok {
			return Op{}, Op{}, fmt.Errorf("collab: transform: %w: ops do not line up", ErrLengthMismatch)
		}
		n := min(x.size(), y.size())
		switch {
		case x.cur.isRetain() && y.cur.isRetain():
			aPrime.Retain(n)
			bPrime.Retain(n)
		case x.cur.isDelete() && y.cur.isDelete():
			// Both deleted the same text: neither has anything left to do.
		case x.cur.isDelete() && y.cur.isRetain():
			aPrime.Delete(n)
		case x.cur.isRetain() && y.cur.isDelete():
			bPrime.Delete(n)
		}
		x.take(n)
		y.take(n)
	}
	return aPrime, bPrime, nil
}

// Invert returns the op that undoes o, given the document o was applied to:
// Apply(Apply(doc, o), Invert(o, doc)) == doc.
func Invert(o Op, doc string) (Op, error) {
	if n := utf8.RuneCountInString(doc); n != o.baseLen {
		return Op{}, fmt.Errorf("collab: invert: %w: op base length %d, document length %d", ErrLengthMismatch, o.baseLen, n)
	}
	var inv Op
	inv.ops = make([]component, 0, len(o.ops))
	rest := doc
	for _, c := range o.ops {
		switch {
		case c.isRetain():
			inv.Retain(c.n)
			rest = rest[byteOffset(rest, c.n):]
		case c.isInsert():
			inv.Delete(c.n)
		default:
			k := byteOffset(rest, -c.n)
			inv.insertN(rest[:k], -c.n)
			rest = rest[k:]
		}
	}
	return inv, nil
}

// TransformCursor maps a cursor offset in the document before o to the
// same place in the document after o. Text deleted around the cursor pulls
// it back to the deletion's start. An insert exactly at the cursor moves the
// cursor past the inserted text when own is true (the cursor's owner typed
// it, as ot.js's Selection.transform does for every insert) and leaves the
// cursor before it when own is false, so a collaborator typing at the same
// place does not push someone else's cursor along. Offsets outside
// [0, BaseLen] are clamped first.
func TransformCursor(offset int, o Op, own bool) int {
	offset = max(0, min(offset, o.baseLen))
	pos, out := 0, offset // pos: position in the old document
	for _, c := range o.ops {
		if pos > offset || (pos == offset && !own) {
			break
		}
		switch {
		case c.isRetain():
			pos += c.n
		case c.isInsert():
			out += c.n
		default:
			out -= min(-c.n, offset-pos)
			pos -= c.n
		}
	}
	return out
}
