package format

import (
	"strings"
	"unicode/utf8"
)

// This file is io_lib_pretty's algorithm (what ~p and ~P print), rebuilt
// from its rules: first measure the term as a tree of nodes that each know
// their one-line length, then lay it out, breaking lines only where the
// one-line form would pass the line length.

type nodeKind uint8

const (
	nLeaf  nodeKind = iota // text that is never broken: atoms, numbers, strings, "{...}"
	nList                  // [E1,E2|T]
	nTuple                 // {E1,E2}
	nMap                   // #{P1,P2}
	nPair                  // K => V
	nBin                   // <<1,2,3>> that may break between bytes
	nDots                  // "..." standing for elements cut by the depth
)

type node struct {
	kind   nodeKind
	tagged bool // a tuple of two or more elements whose first is an atom
	// off:end is the one-line text (nLeaf, nBin) in the printer's arena;
	// for nBin, seg indexes the printer's segment lists.
	off, end, seg int32
	n             int     // length in characters on one line
	elems         []*node // nList, nTuple, nMap (pairs); nPair: key and value
	tail          *node   // improper tail or nDots after elems
}

// leaf reports io_lib_pretty's ?ATM: a node printed as plain text.
func (n *node) leaf() bool { return n.kind == nLeaf }

var dotsNode = &node{kind: nDots, n: 3}

// printer holds the options of one ~p, and arenas for its node tree: the
// nodes are allocated in chunks and the leaves' text lives in one buffer,
// which cuts the allocations of a large ~p by an order of magnitude (they
// cost most in the wasm build).
type printer struct {
	enc     Encoding
	strings bool // detect printable lists and binaries (false with ~lp)
	chunk   []node
	ptrs    []*node // backing store for elems
	stack   []*node // a list's elements while it is measured
	segs    [][]string
	// text is the leaves' text, written by the term writers; a leaf is the
	// span from mark to the end at the time it is made.
	text strings.Builder
	mark int
}

// elems copies es into the pointer arena and returns the copy.
func (p *printer) elems(es []*node) []*node {
	if len(p.ptrs)+len(es) > cap(p.ptrs) {
		p.ptrs = make([]*node, 0, max(1024, len(es)))
	}
	start := len(p.ptrs)
	p.ptrs = append(p.ptrs, es...)
	return p.ptrs[start:len(p.ptrs):len(p.ptrs)]
}

func (p *printer) newNode(kind nodeKind) *node {
	if len(p.chunk) == cap(p.chunk) {
		p.chunk = make([]node, 0, 256)
	}
	p.chunk = append(p.chunk, node{kind: kind})
	return &p.chunk[len(p.chunk)-1]
}

// leaf makes a leaf of the text written since the last leaf.
func (p *printer) leaf() *node {
	nd := p.newNode(nLeaf)
	end := p.text.Len()
	nd.off, nd.end = int32(p.mark), int32(end)
	nd.n = utf8.RuneCountInString(p.text.String()[p.mark:end])
	p.mark = end
	return nd
}

func (p *printer) leafNode(s string) *node {
	p.text.WriteString(s)
	return p.leaf()
}

// Print is io_lib_pretty:print(T, [{column, Col}, {line_length, LL},
// {depth, Depth}, {encoding, Enc}, {strings, Strings}]): the term as ~p
// prints it when it starts at column col (1-based).
func Print(t Term, col, ll, depth int, enc Encoding, strs bool) string {
	var b strings.Builder
	p := printer{enc: enc, strings: strs}
	p.print(&b, t, col, ll, depth)
	return b.String()
}

func (p *printer) print(b *strings.Builder, t Term, col, ll, d int) {
	if d == 0 {
		b.WriteString("...")
		return
	}
	if col <= 0 {
		col = 1
	}
	switch kindOf(t) {
	case KAtom:
		writeAtom(b, atomName(t), p.enc)
		return
	case KTuple, KCons, KNil, KMap, KBits:
	default:
		writeTerm(b, t, -1, p.enc)
		return
	}
	nd := p.measure(t, d)
	m := nd.n // no line_max_chars: the whole term's length
	if ll == 0 || nd.n < ll-col && nd.n <= m {
		writeNode(b, p.text.String(), nd)
		return
	}
	l := layout{b: b, arena: p.text.String(), segs: p.segs, ll: ll, m: m}
	tind := 1
	if l.check(nd, col, -1, 0, 0) {
		tind = -1
	} else if l.check(nd, col, 4, 0, 0) {
		tind = 4
	}
	l.pp(nd, col, tind, col-1, 0, 0)
}

// measure builds the node tree of t printed with depth d (print_length).
func (p *printer) measure(t Term, d int) *node {
	switch kindOf(t) {
	case KNil:
		return p.leafNode("[]")
	case KAtom:
		writeAtom(&p.text, atomName(t), p.enc)
		return p.leaf()
	case KCons:
		if p.strings && d != 1 {
			if s, ok := latin1Printable(t); ok {
				mode := latin1Only
				if p.enc == Unicode {
					mode = unicodeAsUnicode
				}
				writeQuotedRunes(&p.text, s, '"', mode)
				return p.leaf()
			}
		}
		return p.measureList(t, d)
	case KTuple:
		n := tupleLen(t)
		if n == 0 {
			return p.leafNode("{}")
		}
		if d == 1 {
			return p.leafNode("{...}")
		}
		nd := p.newNode(nTuple)
		nd.tagged = n > 1 && kindOf(tupleAt(t, 0)) == KAtom
		base := len(p.stack)
		for i := 0; i < n; i++ {
			if d == 1 {
				nd.tail = dotsNode
				break
			}
			p.stack = append(p.stack, p.measure(tupleAt(t, i), d-1))
			d--
		}
		nd.elems = p.elems(p.stack[base:])
		p.stack = p.stack[:base]
		nd.n = seqLen(nd, 2)
		return nd
	case KMap:
		if mapSize(t) == 0 {
			return p.leafNode("#{}")
		}
		if d == 1 {
			return p.leafNode("#{...}")
		}
		keys, vals := mapPairs(t)
		nd := p.newNode(nMap)
		base := len(p.stack)
		d0 := d - 1
		for i := range keys {
			if d == 1 {
				nd.tail = dotsNode
				break
			}
			k := p.measure(keys[i], d0)
			v := p.measure(vals[i], d0)
			pair := p.newNode(nPair)
			pair.elems, pair.n = p.elems([]*node{k, v}), k.n+4+v.n
			p.stack = append(p.stack, pair)
			d--
		}
		nd.elems = p.elems(p.stack[base:])
		p.stack = p.stack[:base]
		nd.n = seqLen(nd, 3)
		return nd
	case KBits:
		return p.measureBits(t, d)
	}
	writeTerm(&p.text, t, -1, p.enc)
	return p.leaf()
}

func (p *printer) measureList(t Term, d int) *node {
	nd := p.newNode(nList)
	base := len(p.stack)
	for {
		if kindOf(t) == KNil {
			break
		}
		if d == 1 {
			nd.tail = dotsNode
			break
		}
		if kindOf(t) != KCons {
			nd.tail = p.measure(t, d-1)
			break
		}
		h, tl := cons(t)
		p.stack = append(p.stack, p.measure(h, d-1))
		t = tl
		d--
	}
	nd.elems = p.elems(p.stack[base:])
	p.stack = p.stack[:base]
	nd.n = seqLen(nd, 2)
	return nd
}

// seqLen is list_length: the brackets (open+close chars) plus the elements
// and the separators between them.
func seqLen(nd *node, brackets int) int {
	n := brackets
	cnt := 0
	for _, e := range nd.elems {
		n += e.n
		cnt++
	}
	if nd.tail != nil {
		n += nd.tail.n
		cnt++
	}
	if cnt > 1 {
		n += cnt - 1
	}
	return n
}

// latin1Printable reports whether the list t is a proper list of printable
// Latin-1 characters (io_lib:printable_latin1_list; with the default
// printable range ~tp uses the same test), returning its characters.
func latin1Printable(t Term) ([]rune, bool) {
	var s []rune
	for kindOf(t) == KCons {
		h, tl := cons(t)
		c, ok := smallInt(h)
		if !ok || !printableLatin1(c) {
			return nil, false
		}
		s = append(s, rune(c))
		t = tl
	}
	return s, kindOf(t) == KNil
}

func printableLatin1(c int) bool {
	switch {
	case c >= ' ' && c <= '~', c >= 0xA0 && c <= 0xFF:
		return true
	case c == '\n', c == '\r', c == '\t', c == '\v', c == '\b', c == '\f', c == 0x1B:
		return true
	}
	return false
}

func (p *printer) measureBits(t Term, d int) *node {
	data, n := bits(t)
	if n == 0 {
		return p.leafNode("<<>>")
	}
	if d == 1 {
		return p.leafNode("<<...>>")
	}
	d1 := d - 1
	if p.strings && n%8 == 0 {
		if nd := p.printableBin(data[:n/8], d1); nd != nil {
			return nd
		}
	}
	segs := binarySegments(t, d)
	p.text.WriteString("<<" + strings.Join(segs, ",") + ">>")
	nd := p.leaf()
	nd.kind, nd.seg = nBin, int32(len(p.segs))
	p.segs = append(p.segs, segs)
	return nd
}

// printableBin is printable_bin0 for a chars_limit of -1: a leaf for a
// binary to print as a string, or nil.
func (p *printer) printableBin(bin []byte, d int) *node {
	size := len(bin)
	limit := size
	if d >= 0 {
		limit = min(4*d, size)
	}
	if limit == 0 {
		return nil
	}
	if p.enc == Unicode {
		if nd, ok := p.printableUTF8(bin, limit, d); ok {
			return nd
		}
	}
	// Latin-1: count the printable bytes before the first that is not.
	good := 0
	for good < limit && printableLatin1(int(bin[good])) {
		good++
	}
	switch {
	case good == size:
		return p.binLeaf(latin1Runes(bin), "", false)
	case good == limit:
		return p.binLeaf(latin1Runes(bin[:limit]), "", true)
	case d > 0 && good >= d:
		return p.binLeaf(latin1Runes(bin[:good]), "", true)
	}
	return nil
}

// printableUTF8 is printable_bin's unicode branch; ok is false when the
// bytes are not valid UTF-8 and the Latin-1 test should decide.
func (p *printer) printableUTF8(bin []byte, limit, d int) (*node, bool) {
	rest := bin
	for i := 0; i < limit && len(rest) > 0; i++ {
		r, sz := utf8.DecodeRune(rest)
		if r == utf8.RuneError && sz <= 1 {
			return nil, false
		}
		rest = rest[sz:]
	}
	var cs []rune
	rest = bin
	nc := limit
	for nc > 0 && len(rest) > 0 {
		r, sz := utf8.DecodeRune(rest)
		if !printableLatin1(int(r)) {
			break
		}
		cs = append(cs, r)
		rest = rest[sz:]
		nc--
	}
	plain := func(consumed int) string {
		if consumed == len(cs) {
			return ""
		}
		return "/utf8"
	}
	switch {
	case len(rest) == 0:
		return p.binLeaf(cs, plain(len(bin)), false), true
	case d > 0 && limit-nc >= d:
		return p.binLeaf(cs, plain(len(bin)-len(rest)), true), true
	}
	return nil, true
}

func (p *printer) binLeaf(cs []rune, suffix string, dots bool) *node {
	b := &p.text
	b.WriteString("<<")
	writeQuotedRunes(b, cs, '"', unicodeAsUnicode)
	b.WriteString(suffix)
	if dots {
		b.WriteString("...")
	}
	b.WriteString(">>")
	return p.leaf()
}

func latin1Runes(bs []byte) []rune {
	rs := make([]rune, len(bs))
	for i, c := range bs {
		rs[i] = rune(c)
	}
	return rs
}

// writeNode writes a node on one line; arena holds the leaves' text.
func writeNode(b *strings.Builder, arena string, nd *node) {
	switch nd.kind {
	case nLeaf, nBin:
		b.WriteString(arena[nd.off:nd.end])
	case nDots:
		b.WriteString("...")
	case nPair:
		writeNode(b, arena, nd.elems[0])
		b.WriteString(" => ")
		writeNode(b, arena, nd.elems[1])
	case nList:
		b.WriteByte('[')
		writeSeq(b, arena, nd, '|')
		b.WriteByte(']')
	case nTuple:
		b.WriteByte('{')
		writeSeq(b, arena, nd, ',')
		b.WriteByte('}')
	case nMap:
		b.WriteString("#{")
		writeSeq(b, arena, nd, ',')
		b.WriteByte('}')
	}
}

func writeSeq(b *strings.Builder, arena string, nd *node, sep byte) {
	if len(nd.elems) == 0 {
		if nd.tail != nil {
			b.WriteString("...")
		}
		return
	}
	for i, e := range nd.elems {
		if i > 0 {
			b.WriteByte(',')
		}
		writeNode(b, arena, e)
	}
	if nd.tail != nil {
		b.WriteByte(sep)
		writeNode(b, arena, nd.tail)
	}
}

// layout writes a node tree broken over lines. ll is the line length and m
// the term's one-line length (io_lib_pretty's M without line_max_chars).
type layout struct {
	b     *strings.Builder
	arena string
	segs  [][]string
	ll    int
	m     int
}

func (l *layout) write(nd *node) { writeNode(l.b, l.arena, nd) }

func (l *layout) indent(n int) {
	for ; n > 0; n-- {
		l.b.WriteByte(' ')
	}
}

func (l *layout) fits(nd *node, col, ld, w int) bool {
	return nd.n < l.ll-col-ld && nd.n+w+ld <= l.m
}

// fitsNext is the test for putting element e after a comma on the current
// line at column col.
func (l *layout) fitsNext(e *node, col, ld1, w int) bool {
	el := 1 + e.n
	if ld1 == 0 {
		return el+1 < l.ll-col && w+el+1 <= l.m
	}
	return el < l.ll-col-ld1 && w+el+ld1 <= l.m
}

// lastDepth is last_depth: 0 while more elements follow element i, else one
// more than ld (the closing brackets that will follow).
func lastDepth(nd *node, i, ld int) int {
	if i+1 < len(nd.elems) {
		return 0
	}
	return ld + 1
}

// pp writes nd starting at column col, with ind spaces of indentation for
// continuation lines.
func (l *layout) pp(nd *node, col, tind, ind, ld, w int) {
	if l.fits(nd, col, ld, w) {
		l.write(nd)
		return
	}
	switch nd.kind {
	case nList:
		l.b.WriteByte('[')
		l.ppSeq(nd, 0, col+1, tind, ind+1, ld, '|', w+1)
		l.b.WriteByte(']')
	case nTuple:
		l.b.WriteByte('{')
		if nd.tagged {
			l.ppTagTuple(nd, col, tind, ind, ld, w+1)
		} else {
			l.ppSeq(nd, 0, col+1, tind, ind+1, ld, ',', w+1)
		}
		l.b.WriteByte('}')
	case nMap:
		l.b.WriteString("#{")
		l.ppMap(nd, col+2, tind, ind+2, ld, w+1)
		l.b.WriteByte('}')
	case nBin:
		l.ppBinary(nd, col+2, ind+2, ld, w)
	default:
		l.write(nd)
	}
}

func (l *layout) ppTagTuple(nd *node, col, tind, ind, ld, w int) {
	if len(nd.elems) == 0 {
		l.b.WriteString("...")
		return
	}
	tag := nd.elems[0]
	tagInd := tag.n + 2
	tcol := col + tagInd
	if tind > 0 && tagInd > tind {
		l.write(tag)
		l.ppTail(nd, 1, col+tind, tcol, tind, ind+tind, ld, ',', w+tag.n)
		return
	}
	l.write(tag)
	l.b.WriteByte(',')
	l.ppSeq(nd, 1, tcol, tind, ind+tagInd, ld, ',', w+tag.n+1)
}

// ppSeq is pp_list over the elements from index i on.
func (l *layout) ppSeq(nd *node, i, col0, tind, ind, ld int, sep byte, w int) {
	if i >= len(nd.elems) {
		if nd.tail != nil {
			l.b.WriteString("...")
		}
		return
	}
	we := l.ppElement(nd.elems[i], col0, tind, ind, lastDepth(nd, i, ld), w)
	l.ppTail(nd, i+1, col0, col0+we, tind, ind, ld, sep, w+we)
}

func (l *layout) ppTail(nd *node, i, col0, col, tind, ind, ld int, sep byte, w int) {
	for ; i < len(nd.elems); i++ {
		e := nd.elems[i]
		ld1 := lastDepth(nd, i, ld)
		if e.leaf() && l.fitsNext(e, col, ld1, w) {
			l.b.WriteByte(',')
			l.write(e)
			col += 1 + e.n
			w += 1 + e.n
			continue
		}
		l.b.WriteString(",\n")
		l.indent(ind)
		we := l.ppElement(e, col0, tind, ind, ld1, 0)
		col = col0 + we
		w = we
	}
	t := nd.tail
	switch {
	case t == nil:
	case t.kind == nDots:
		l.b.WriteByte(sep)
		l.b.WriteString("...")
	case t.leaf() && t.n+1 < l.ll-col-(ld+1) && t.n+1+w+ld+1 <= l.m:
		l.b.WriteByte(sep)
		l.write(t)
	default:
		l.b.WriteByte(sep)
		l.b.WriteByte('\n')
		l.indent(ind)
		l.pp(t, col0, tind, ind, ld+1, 0)
	}
}

// ppElement writes one element and returns the width it takes on its
// line, or the line length to force the next element onto a new line.
func (l *layout) ppElement(e *node, col, tind, ind, ld, w int) int {
	if e.leaf() && l.fits(e, col, ld, w) {
		l.write(e)
		return e.n
	}
	l.pp(e, col, tind, ind, ld, w)
	return l.ll
}

func pairLeaf(p *node) bool { return p.elems[0].leaf() && p.elems[1].leaf() }

func (l *layout) ppMap(nd *node, col, tind, ind, ld, w int) {
	if len(nd.elems) == 0 {
		l.b.WriteString("...")
		return
	}
	pw := l.ppPair(nd.elems[0], col, tind, ind, lastDepth(nd, 0, ld), w)
	c, wc := col+pw, pw
	for i := 1; i < len(nd.elems); i++ {
		p := nd.elems[i]
		ld1 := lastDepth(nd, i, ld)
		if pairLeaf(p) && l.fitsNext(p, c, ld1, wc) {
			l.b.WriteByte(',')
			l.write(p)
			c += 1 + p.n
			wc += 1 + p.n
			continue
		}
		l.b.WriteString(",\n")
		l.indent(ind)
		pw := l.ppPair(p, col, tind, ind, ld1, 0)
		c, wc = col+pw, pw
	}
	if nd.tail != nil {
		l.b.WriteString(",...")
	}
}

func mapValueIndent(tind int) int {
	if tind > 0 {
		return tind
	}
	return 4
}

func (l *layout) ppPair(p *node, col, tind, ind, ld, w int) int {
	if l.fits(p, col, ld, w) {
		l.write(p)
		if pairLeaf(p) {
			return p.n
		}
		return l.ll
	}
	i := mapValueIndent(tind)
	l.pp(p.elems[0], col, tind, ind, ld, w)
	l.b.WriteString(" =>\n")
	l.indent(ind + i)
	l.pp(p.elems[1], col+i, tind, ind+i, ld, 0)
	return l.ll
}

// ppBinary breaks a binary's bytes over lines, at least 8 columns a line.
func (l *layout) ppBinary(nd *node, col, ind, ld, w int) {
	n0 := max(8, min(l.ll-col, l.m-4-w)-ld)
	n := n0
	l.b.WriteString("<<")
	segs := l.segs[nd.seg]
	for i, s := range segs {
		if i == len(segs)-1 {
			if len(s) > n {
				l.b.WriteByte('\n')
				l.indent(ind)
			}
			l.b.WriteString(s)
			break
		}
		sl := len(s) + 1
		if n-sl < 0 {
			l.b.WriteByte('\n')
			l.indent(ind)
			l.b.WriteString(s)
			l.b.WriteByte(',')
			n = n0 - sl
			continue
		}
		l.b.WriteString(s)
		l.b.WriteByte(',')
		n -= sl
	}
	l.b.WriteString(">>")
}

// check is io_lib_pretty's cind: whether laying nd out with tuple
// indentation tind keeps every line within bounds.
func (l *layout) check(nd *node, col, tind, ld, w int) bool {
	if l.fits(nd, col, ld, w) {
		return true
	}
	switch nd.kind {
	case nList:
		return l.checkSeq(nd, 0, col+1, tind, ld, w+1)
	case nTuple:
		if nd.tagged {
			return l.checkTagTuple(nd, col, tind, ld, w+1)
		}
		return l.checkSeq(nd, 0, col+1, tind, ld, w+1)
	case nMap:
		return l.checkMap(nd, col+2, tind, ld, w+2)
	}
	return true
}

func (l *layout) checkSeq(nd *node, i, col0, tind, ld, w int) bool {
	if i >= len(nd.elems) {
		return true
	}
	we, ok := l.checkElement(nd.elems[i], col0, tind, lastDepth(nd, i, ld), w)
	if !ok {
		return false
	}
	return l.checkTail(nd, i+1, col0, col0+we, tind, ld, w+we)
}

func (l *layout) checkTail(nd *node, i, col0, col, tind, ld, w int) bool {
	for ; i < len(nd.elems); i++ {
		e := nd.elems[i]
		ld1 := lastDepth(nd, i, ld)
		if e.leaf() && l.fitsNext(e, col, ld1, w) {
			col += 1 + e.n
			w += 1 + e.n
			continue
		}
		we, ok := l.checkElement(e, col0, tind, ld1, 0)
		if !ok {
			return false
		}
		col, w = col0+we, we
	}
	t := nd.tail
	switch {
	case t == nil, t.kind == nDots:
		return true
	case t.leaf() && t.n+1 < l.ll-col-(ld+1) && t.n+1+w+ld+1 <= l.m:
		return true
	}
	return l.check(t, col, tind, ld+1, 0)
}

func (l *layout) checkElement(e *node, col, tind, ld, w int) (int, bool) {
	if e.leaf() && l.fits(e, col, ld, w) {
		return e.n, true
	}
	if !l.check(e, col, tind, ld, w) {
		return 0, false
	}
	return l.ll, true
}

func (l *layout) checkTagTuple(nd *node, col, tind, ld, w int) bool {
	if len(nd.elems) == 0 {
		return true
	}
	tag := nd.elems[0]
	tagInd := tag.n + 2
	tcol := col + tagInd
	if tind > 0 && tagInd > tind {
		col1 := col + tind
		if l.m+col1 <= l.ll || col1 <= l.ll/2 {
			return l.checkTail(nd, 1, col1, tcol, tind, ld, w+tag.n)
		}
		return false
	}
	if l.m+tcol < l.ll || tcol < l.ll/2 {
		return l.checkSeq(nd, 1, tcol, tind, ld, w+tag.n+1)
	}
	return false
}

func (l *layout) checkMap(nd *node, col, tind, ld, w int) bool {
	if len(nd.elems) == 0 {
		return true
	}
	pw, ok := l.checkPair(nd.elems[0], col, tind, lastDepth(nd, 0, ld), w)
	if !ok {
		return false
	}
	c, wc := col+pw, w+pw
	for i := 1; i < len(nd.elems); i++ {
		p := nd.elems[i]
		ld1 := lastDepth(nd, i, ld)
		if pairLeaf(p) && l.fitsNext(p, c, ld1, wc) {
			c += 1 + p.n
			wc += 1 + p.n
			continue
		}
		pw, ok := l.checkPair(p, col, tind, ld1, 0)
		if !ok {
			return false
		}
		c, wc = col+pw, pw
	}
	return true
}

func (l *layout) checkPair(p *node, col, tind, ld, w int) (int, bool) {
	if l.fits(p, col, ld, w) {
		if pairLeaf(p) {
			return p.n, true
		}
		return l.ll, true
	}
	if !l.check(p.elems[0], col, tind, ld, w) {
		return 0, false
	}
	if !l.check(p.elems[1], col+mapValueIndent(tind), tind, ld, 0) {
		return 0, false
	}
	return l.ll, true
}
