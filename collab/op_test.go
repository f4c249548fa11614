package collab

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"
)

// alphabet mixes ASCII with multi-byte and astral code points so that any
// confusion of bytes, UTF-16 units and code points shows up.
var alphabet = []rune("abcxyz \nλé中😀")

func randString(r *rand.Rand, max int) string {
	n := r.Intn(max + 1)
	var b strings.Builder
	for range n {
		b.WriteRune(alphabet[r.Intn(len(alphabet))])
	}
	return b.String()
}

// randOp returns a random op that applies to doc, built as a random walk
// of retains, inserts and deletes, in the manner of ot.js's own tests.
func randOp(r *rand.Rand, doc string) Op {
	var o Op
	left := utf8.RuneCountInString(doc)
	for left > 0 {
		n := 1 + r.Intn(min(left, 20))
		switch r.Intn(4) {
		case 0:
			o.Insert(randString(r, 8))
		case 1:
			o.Delete(n)
			left -= n
		default:
			o.Retain(n)
			left -= n
		}
	}
	if r.Intn(3) == 0 {
		o.Insert(randString(r, 8))
	}
	return o
}

func mustApply(t *testing.T, doc string, o Op) string {
	t.Helper()
	s, err := Apply(doc, o)
	if err != nil {
		t.Fatalf("Apply(%q, %v): %v", doc, o, err)
	}
	return s
}

const propIters = 2000

func TestApplyBasics(t *testing.T) {
	var o Op
	o.Retain(2).Insert("λ😀").Delete(1).Retain(1)
	got := mustApply(t, "ab中d", o)
	if got != "abλ😀d" {
		t.Fatalf("got %q", got)
	}
	if o.BaseLen() != 4 || o.TargetLen() != 5 {
		t.Fatalf("lengths %d %d", o.BaseLen(), o.TargetLen())
	}
	if _, err := Apply("abc", o); !errors.Is(err, ErrLengthMismatch) {
		t.Fatalf("want ErrLengthMismatch, got %v", err)
	}
}

func TestNormalization(t *testing.T) {
	var o Op
	// ot.js: a delete followed by an insert is stored insert first, and
	// like components merge.
	o.Retain(1).Retain(2).Delete(1).Delete(-2).Insert("a").Insert("b").Delete(1).Insert("")
	if got := o.String(); got != `[3,"ab",-4]` {
		t.Fatalf("normalized to %s", got)
	}
	var p Op
	p.Insert("x").Delete(1).Insert("y")
	if got := p.String(); got != `["xy",-1]` {
		t.Fatalf("normalized to %s", got)
	}
}

func TestJSON(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for range propIters {
		doc := randString(r, 30)
		o := randOp(r, doc)
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		var back Op
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
		if !back.Equal(o) || back.TargetLen() != o.TargetLen() {
			t.Fatalf("round trip %v -> %s -> %v", o, b, back)
		}
	}
	// fromJSON normalizes: unmerged input comes back merged.
	o, err := ParseOp(`[1,2,-1,"a","",-1,"b"]`)
	if err != nil {
		t.Fatal(err)
	}
	if o.String() != `[3,"ab",-2]` {
		t.Fatalf("got %v", o)
	}
}

func TestJSONRejectsMalformed(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`[0]`, "item 0 is 0"},
		{`[1.5]`, "item 0 is 1.5"},
		{`[1,true]`, "item 1 is a boolean"},
		{`[null]`, "item 0 is null"},
		{`[{"a":1}]`, "item 0 is an object"},
		{`[[1]]`, "item 0 is an array"},
		{`{"op":1}`, "want a JSON array"},
		{`"x"`, "want a JSON array"},
		{`null`, "want a JSON array"},
		{`[1,`, "want a JSON array"},
		{`[1] [2]`, "data after"},
		{`[1e300]`, "item 0 is 1e300"},
		{`[99999999999999999999]`, "non-zero integer"},
		{"[\"\xff\"]", "not valid UTF-8"},
	} {
		_, err := ParseOp(tc.in)
		if err == nil || !errors.Is(err, ErrMalformedOp) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseOp(%s) = %v, want ErrMalformedOp mentioning %q", tc.in, err, tc.want)
		}
	}
	if o, err := ParseOp(`[]`); err != nil || o.Len() != 0 {
		t.Errorf("[] -> %v, %v", o, err)
	}
}

func TestTransformProperty(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for range propIters {
		s := randString(r, 40)
		a, b := randOp(r, s), randOp(r, s)
		a1, b1, err := Transform(a, b)
		if err != nil {
			t.Fatal(err)
		}
		left := mustApply(t, mustApply(t, s, a), b1)
		right := mustApply(t, mustApply(t, s, b), a1)
		if left != right {
			t.Fatalf("S=%q A=%v B=%v: A;B'=%q B;A'=%q", s, a, b, left, right)
		}
		// compose(a, b') == compose(b, a'): the same single op.
		ab, err := Compose(a, b1)
		if err != nil {
			t.Fatal(err)
		}
		ba, err := Compose(b, a1)
		if err != nil {
			t.Fatal(err)
		}
		if mustApply(t, s, ab) != left || mustApply(t, s, ba) != left {
			t.Fatalf("composed transforms disagree on S=%q A=%v B=%v", s, a, b)
		}
	}
}

func TestTransformTieBreak(t *testing.T) {
	a, _ := ParseOp(`[1,"A",1]`)
	b, _ := ParseOp(`[1,"B",1]`)
	a1, b1, err := Transform(a, b)
	if err != nil {
		t.Fatal(err)
	}
	// The first operand's insert goes first, whichever side applies.
	if got := mustApply(t, mustApply(t, "xy", a), b1); got != "xABy" {
		t.Fatalf("a then b' = %q", got)
	}
	if got := mustApply(t, mustApply(t, "xy", b), a1); got != "xABy" {
		t.Fatalf("b then a' = %q", got)
	}
	if a1.String() != `[1,"A",2]` || b1.String() != `[2,"B",1]` {
		t.Fatalf("a'=%v b'=%v", a1, b1)
	}
	if _, _, err := Transform(a, Op{}); !errors.Is(err, ErrLengthMismatch) {
		t.Fatalf("mismatched transform: %v", err)
	}
}

func TestComposeProperty(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	for range propIters {
		s := randString(r, 40)
		a := randOp(r, s)
		afterA := mustApply(t, s, a)
		b := randOp(r, afterA)
		ab, err := Compose(a, b)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := mustApply(t, s, ab), mustApply(t, afterA, b); got != want {
			t.Fatalf("S=%q A=%v B=%v: compose gives %q, sequence gives %q", s, a, b, got, want)
		}
		if ab.BaseLen() != a.BaseLen() || ab.TargetLen() != b.TargetLen() {
			t.Fatalf("compose lengths %d->%d", ab.BaseLen(), ab.TargetLen())
		}
	}
	if _, err := Compose(Op{}, *new(Op).Retain(1)); !errors.Is(err, ErrLengthMismatch) {
		t.Fatalf("mismatched compose: %v", err)
	}
}

func TestInvertProperty(t *testing.T) {
	r := rand.New(rand.NewSource(4))
	for range propIters {
		s := randString(r, 40)
		a := randOp(r, s)
		inv, err := Invert(a, s)
		if err != nil {
			t.Fatal(err)
		}
		if got := mustApply(t, mustApply(t, s, a), inv); got != s {
			t.Fatalf("S=%q A=%v inverse %v gives %q", s, a, inv, got)
		}
		d := NewDocument(s)
		inv2, err := d.Invert(a)
		if err != nil || !inv2.Equal(inv) {
			t.Fatalf("Document.Invert = %v, %v; want %v", inv2, err, inv)
		}
	}
}

// TestTransformCursorProperty checks that a cursor keeps its place: the
// text on either side of it that the op did not delete stays on that side.
func TestTransformCursorProperty(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for range propIters {
		s := randString(r, 30)
		a := randOp(r, s)
		after := []rune(mustApply(t, s, a))
		// Mark every code point of s with its index and follow them
		// through the op by applying it to the marked text.
		n := a.BaseLen()
		marked := make([]rune, n)
		for i := range marked {
			marked[i] = rune(0xF0000 + i) // distinct, never in inserts
		}
		moved := []rune(mustApply(t, string(marked), a))
		for off := 0; off <= n; off++ {
			for _, own := range []bool{false, true} {
				got := TransformCursor(off, a, own)
				if got < 0 || got > len(after) {
					t.Fatalf("cursor %d -> %d out of range", off, got)
				}
				for i, m := range moved {
					if m < 0xF0000 {
						continue
					}
					orig := int(m - 0xF0000)
					if (orig < off) != (i < got) {
						t.Fatalf("S=%q A=%v own=%v: cursor %d -> %d, but old char %d is now at %d", s, a, own, off, got, orig, i)
					}
				}
			}
		}
	}
	var typing Op
	typing.Retain(2).Insert("xy").Retain(1)
	if got := TransformCursor(2, typing, true); got != 4 {
		t.Fatalf("own insert at cursor: %d, want 4", got)
	}
	if got := TransformCursor(2, typing, false); got != 2 {
		t.Fatalf("remote insert at cursor: %d, want 2", got)
	}
	if got := TransformCursor(99, typing, false); got != 5 {
		t.Fatalf("clamped: %d, want 5", got)
	}
}

func TestDocumentMatchesApply(t *testing.T) {
	for _, chunkMax := range []int{maxChunk, 8, 2} {
		t.Run(fmt.Sprint(chunkMax), func(t *testing.T) { testDocumentMatchesApply(t, chunkMax) })
	}
}

func testDocumentMatchesApply(t *testing.T, chunkMax int) {
	r := rand.New(rand.NewSource(6))
	s := randString(r, 50)
	d := newDocument(s, chunkMax)
	for range propIters {
		a := randOp(r, s)
		if err := d.Apply(a); err != nil {
			t.Fatal(err)
		}
		s = mustApply(t, s, a)
		if d.String() != s || d.Len() != utf8.RuneCountInString(s) {
			t.Fatalf("document %q, string %q", d.String(), s)
		}
		if d.Len() > 0 {
			from := r.Intn(d.Len())
			to := from + r.Intn(d.Len()-from+1)
			got, err := d.Slice(from, to)
			if want := string([]rune(s)[from:to]); err != nil || got != want {
				t.Fatalf("Slice(%d,%d) = %q, %v; want %q", from, to, got, err, want)
			}
		}
	}
	if err := d.Apply(*new(Op).Retain(d.Len() + 1)); !errors.Is(err, ErrLengthMismatch) {
		t.Fatalf("want ErrLengthMismatch, got %v", err)
	}
	if err := d.Splice(d.Len(), 1, ""); err == nil {
		t.Fatal("splice past the end accepted")
	}
}

// FuzzOpJSON: whatever the bytes, decoding either fails with
// ErrMalformedOp or gives an op that encodes and decodes to itself and
// applies to a document of its base length.
func FuzzOpJSON(f *testing.F) {
	for _, s := range []string{`[]`, `[1,"a",-2]`, `["x",-1,"y"]`, `[0]`, `[1.5]`, `["\ud83d\ude00",3]`, `{}`, `[1`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var o Op
		if err := o.UnmarshalJSON(data); err != nil {
			if !errors.Is(err, ErrMalformedOp) {
				t.Fatalf("%q: error %v does not wrap ErrMalformedOp", data, err)
			}
			return
		}
		b, err := o.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var back Op
		if err := back.UnmarshalJSON(b); err != nil || !back.Equal(o) {
			t.Fatalf("%q -> %s -> %v, %v", data, b, back, err)
		}
		if o.BaseLen() > 1<<16 {
			return
		}
		if _, err := Apply(strings.Repeat("x", o.BaseLen()), o); err != nil {
			t.Fatalf("%s does not apply to its base length: %v", b, err)
		}
	})
}
