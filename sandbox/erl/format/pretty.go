package format

import (
	"strconv"
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
	kind     nodeKind
	tagged   bool // a tuple of two or more elements whose first is an atom
	pairLeaf bool // nPair: key and value are both leaves
	expanded bool // elems and tail are filled in
	t, v     Term // the term; for nPair the key and the value
	d        int  // the depth t is printed with
	n        int  // length in characters on one line
	elems    []*node
	tail     *node // improper tail or nDots after elems
}

// leaf reports io_lib_pretty's ?ATM: a node printed as plain text.
func (n *node) leaf() bool { return n.kind == nLeaf }

var dotsNode = &node{kind: nDots, n: 3, expanded: true}

// printer holds the options of one ~p. Unlike io_lib_pretty, which builds
// the whole intermediate tree first, it makes nodes only for the
// containers the layout actually breaks and for their children: every
// subterm that fits on its line is measured and written straight from the
// term, so a large ~p allocates little more than its output (allocation is
// what the wasm build pays for most).
type printer struct {
	enc     Encoding
	strings bool // detect printable lists and binaries (false with ~lp)
	chunk   []node
}

func (p *printer) newNode() *node {
	if len(p.chunk) == cap(p.chunk) {
		p.chunk = make([]node, 0, 64)
	}
	p.chunk = append(p.chunk, node{})
	return &p.chunk[len(p.chunk)-1]
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
	case kAtom:
		writeAtom(b, atomName(t), p.enc)
		return
	case kTuple, kCons, kNil, kMap, kBits:
	default:
		writeTerm(b, t, -1, p.enc)
		return
	}
	nd := p.node(t, d)
	m := nd.n // no line_max_chars: the whole term's length
	if ll == 0 || nd.n < ll-col && nd.n <= m {
		p.writeFlat(b, nd)
		return
	}
	l := layout{b: b, p: p, ll: ll, m: m}
	tind := 1
	if l.check(nd, col, -1, 0, 0) {
		tind = -1
	} else if l.check(nd, col, 4, 0, 0) {
		tind = 4
	}
	l.pp(nd, col, tind, col-1, 0, 0)
}

// node measures t printed with depth d (print_length), without its
// children.
func (p *printer) node(t Term, d int) *node {
	nd := p.newNode()
	nd.t, nd.d = t, d
	nd.kind, nd.tagged = p.classify(t, d)
	nd.n = p.length(t, d)
	return nd
}

func (p *printer) pair(k, v Term, d0 int) *node {
	nd := p.newNode()
	nd.kind, nd.t, nd.v, nd.d = nPair, k, v, d0
	kk, _ := p.classify(k, d0)
	vk, _ := p.classify(v, d0)
	nd.pairLeaf = kk == nLeaf && vk == nLeaf
	nd.n = p.length(k, d0) + 4 + p.length(v, d0)
	return nd
}

// classify says how t prints with depth d: as a container the layout may
// break, or as text.
func (p *printer) classify(t Term, d int) (nodeKind, bool) {
	switch kindOf(t) {
	case kCons:
		if p.strings && d != 1 && printableString(t) {
			return nLeaf, false
		}
		return nList, false
	case kTuple:
		n := tupleLen(t)
		if n == 0 || d == 1 {
			return nLeaf, false
		}
		return nTuple, n > 1 && kindOf(tupleAt(t, 0)) == kAtom
	case kMap:
		if mapSize(t) == 0 || d == 1 {
			return nLeaf, false
		}
		return nMap, false
	case kBits:
		_, n := bits(t)
		if n == 0 || d == 1 {
			return nLeaf, false
		}
		if _, ok := p.printableBin(t, d-1); ok {
			return nLeaf, false
		}
		return nBin, false
	}
	return nLeaf, false
}

// expand fills in the children of a container or the key and value of a
// pair, following print_length's depth rules.
func (p *printer) expand(nd *node) {
	if nd.expanded {
		return
	}
	nd.expanded = true
	t, d := nd.t, nd.d
	switch nd.kind {
	case nPair:
		nd.elems = []*node{p.node(nd.t, d), p.node(nd.v, d)}
	case nList:
		for {
			if kindOf(t) == kNil {
				break
			}
			if d == 1 {
				nd.tail = dotsNode
				break
			}
			if kindOf(t) != kCons {
				nd.tail = p.node(t, d-1)
				break
			}
			h, tl := cons(t)
			nd.elems = append(nd.elems, p.node(h, d-1))
			t = tl
			d--
		}
	case nTuple:
		n := tupleLen(t)
		nd.elems = make([]*node, 0, n)
		for i := 0; i < n; i++ {
			if d == 1 {
				nd.tail = dotsNode
				break
			}
			nd.elems = append(nd.elems, p.node(tupleAt(t, i), d-1))
			d--
		}
	case nMap:
		keys, vals := mapPairs(t)
		nd.elems = make([]*node, 0, len(keys))
		d0 := d - 1
		for i := range keys {
			if d == 1 {
				nd.tail = dotsNode
				break
			}
			nd.elems = append(nd.elems, p.pair(keys[i], vals[i], d0))
			d--
		}
	}
}

// length is the one-line length of t printed with depth d.
func (p *printer) length(t Term, d int) int {
	switch kindOf(t) {
	case kNil:
		return 2
	case kAtom:
		return atomLen(atomName(t), p.enc)
	case kCons:
		if p.strings && d != 1 && printableString(t) {
			return p.stringLen(t)
		}
		n, cnt := 2, 0
		for {
			if kindOf(t) == kNil {
				break
			}
			cnt++
			if d == 1 {
				n += 3
				break
			}
			if kindOf(t) != kCons {
				n += p.length(t, d-1)
				break
			}
			h, tl := cons(t)
			n += p.length(h, d-1)
			t = tl
			d--
		}
		return n + max(cnt-1, 0)
	case kTuple:
		size := tupleLen(t)
		if size == 0 {
			return 2
		}
		if d == 1 {
			return 5
		}
		n, cnt := 2, 0
		for i := 0; i < size; i++ {
			cnt++
			if d == 1 {
				n += 3
				break
			}
			n += p.length(tupleAt(t, i), d-1)
			d--
		}
		return n + cnt - 1
	case kMap:
		if mapSize(t) == 0 {
			return 3
		}
		if d == 1 {
			return 6
		}
		keys, vals := mapPairs(t)
		n, cnt, d0 := 3, 0, d-1
		for i := range keys {
			cnt++
			if d == 1 {
				n += 3
				break
			}
			n += p.length(keys[i], d0) + 4 + p.length(vals[i], d0)
			d--
		}
		return n + cnt - 1
	case kBits:
		_, size := bits(t)
		if size == 0 {
			return 4
		}
		if d == 1 {
			return 7
		}
		if pb, ok := p.printableBin(t, d-1); ok {
			return pb.length()
		}
		n := 4
		for i, s := range binarySegments(t, d) {
			if i > 0 {
				n++
			}
			n += len(s)
		}
		return n
	case kInt:
		if v, ok := t.Int(); ok {
			var buf [24]byte
			return len(strconv.AppendInt(buf[:0], v, 10))
		}
	case kFloat:
		var buf [40]byte
		return len(shortFloatBytes(buf[:0], floatVal(t)))
	}
	var b strings.Builder
	writeTerm(&b, t, -1, p.enc)
	return utf8.RuneCountInString(b.String())
}

// writeFlat writes a node on one line.
func (p *printer) writeFlat(b *strings.Builder, nd *node) {
	switch nd.kind {
	case nDots:
		b.WriteString("...")
	case nPair:
		p.write(b, nd.t, nd.d)
		b.WriteString(" => ")
		p.write(b, nd.v, nd.d)
	default:
		p.write(b, nd.t, nd.d)
	}
}

// write writes t with depth d on one line, as writeFlat's nodes print.
func (p *printer) write(b *strings.Builder, t Term, d int) {
	switch kindOf(t) {
	case kCons:
		if p.strings && d != 1 && printableString(t) {
			p.writeString(b, t)
			return
		}
		b.WriteByte('[')
		first := true
		for {
			if kindOf(t) == kNil {
				break
			}
			if d == 1 {
				if !first {
					b.WriteByte('|')
				}
				b.WriteString("...")
				break
			}
			if kindOf(t) != kCons {
				b.WriteByte('|')
				p.write(b, t, d-1)
				break
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			h, tl := cons(t)
			p.write(b, h, d-1)
			t = tl
			d--
		}
		b.WriteByte(']')
	case kTuple:
		size := tupleLen(t)
		switch {
		case size == 0:
			b.WriteString("{}")
			return
		case d == 1:
			b.WriteString("{...}")
			return
		}
		b.WriteByte('{')
		for i := 0; i < size; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			if d == 1 {
				b.WriteString("...")
				break
			}
			p.write(b, tupleAt(t, i), d-1)
			d--
		}
		b.WriteByte('}')
	case kMap:
		switch {
		case mapSize(t) == 0:
			b.WriteString("#{}")
			return
		case d == 1:
			b.WriteString("#{...}")
			return
		}
		keys, vals := mapPairs(t)
		d0 := d - 1
		b.WriteString("#{")
		for i := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			if d == 1 {
				b.WriteString("...")
				break
			}
			p.write(b, keys[i], d0)
			b.WriteString(" => ")
			p.write(b, vals[i], d0)
			d--
		}
		b.WriteByte('}')
	case kBits:
		_, size := bits(t)
		switch {
		case size == 0:
			b.WriteString("<<>>")
		case d == 1:
			b.WriteString("<<...>>")
		default:
			if pb, ok := p.printableBin(t, d-1); ok {
				pb.write(b)
				return
			}
			writeBinary(b, t, d)
		}
	case kAtom:
		writeAtom(b, atomName(t), p.enc)
	default:
		writeTerm(b, t, -1, p.enc)
	}
}

// printableString reports whether the list t is a proper list of printable
// Latin-1 characters (io_lib:printable_latin1_list; with the default
// printable range ~tp uses the same test).
func printableString(t Term) bool {
	for kindOf(t) == kCons {
		h, tl := cons(t)
		c, ok := smallInt(h)
		if !ok || !printableLatin1(c) {
			return false
		}
		t = tl
	}
	return kindOf(t) == kNil
}

func (p *printer) stringMode() quoteMode {
	if p.enc == Unicode {
		return unicodeAsUnicode
	}
	return latin1Only
}

func (p *printer) stringLen(t Term) int {
	n := 2
	mode := p.stringMode()
	for kindOf(t) == kCons {
		h, tl := cons(t)
		c, _ := smallInt(h)
		n += escLen(rune(c), '"', mode)
		t = tl
	}
	return n
}

func (p *printer) writeString(b *strings.Builder, t Term) {
	mode := p.stringMode()
	b.WriteByte('"')
	for kindOf(t) == kCons {
		h, tl := cons(t)
		c, _ := smallInt(h)
		writeStringChar(b, rune(c), '"', mode)
		t = tl
	}
	b.WriteByte('"')
}

// escLen is the length in characters of writeStringChar's output.
func escLen(c, q rune, mode quoteMode) int {
	switch {
	case c == q, c == '\\':
		return 2
	case c >= ' ' && c <= '~':
		return 1
	case c >= 0xA0 && c <= 0xFF && mode != unicodeAsUnicode, c >= 0xA0 && mode == unicodeAsUnicode:
		return 1
	case c > 0xFF && mode == unicodeAsLatin1:
		return 4 + len(strconv.FormatInt(int64(c), 16))
	case c == '\n', c == '\r', c == '\t', c == '\v', c == '\b', c == '\f', c == 0x1B, c == 0x7F:
		return 2
	}
	return 4
}

// atomLen is the length in characters of writeAtom's output.
func atomLen(name string, enc Encoding) int {
	if !atomNeedsQuotes(name) {
		return utf8.RuneCountInString(name)
	}
	mode := unicodeAsLatin1
	if enc == Unicode {
		mode = unicodeAsUnicode
	}
	n := 2
	for _, c := range name {
		n += escLen(c, '\'', mode)
	}
	return n
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

// printBin describes a binary printed as a string: its first nbytes bytes,
// decoded as UTF-8 or taken as Latin-1, then suffix ("/utf8" or "") and
// "..." when cut short.
type printBin struct {
	data   []byte
	utf8   bool
	suffix string
	dots   bool
}

func (pb printBin) each(f func(c rune)) {
	if !pb.utf8 {
		for _, c := range pb.data {
			f(rune(c))
		}
		return
	}
	for _, c := range string(pb.data) {
		f(c)
	}
}

func (pb printBin) length() int {
	n := 2 + 2 + 2 + len(pb.suffix)
	if pb.dots {
		n += 3
	}
	pb.each(func(c rune) { n += escLen(c, '"', unicodeAsUnicode) })
	return n
}

func (pb printBin) write(b *strings.Builder) {
	b.WriteString("<<\"")
	pb.each(func(c rune) { writeStringChar(b, c, '"', unicodeAsUnicode) })
	b.WriteByte('"')
	b.WriteString(pb.suffix)
	if pb.dots {
		b.WriteString("...")
	}
	b.WriteString(">>")
}

// printableBin is printable_bin0 for a chars_limit of -1: whether the
// binary t prints as a string with depth d, and how.
func (p *printer) printableBin(t Term, d int) (printBin, bool) {
	data, n := bits(t)
	if !p.strings || n%8 != 0 {
		return printBin{}, false
	}
	bin := data[:n/8]
	size := len(bin)
	limit := size
	if d >= 0 {
		limit = min(4*d, size)
	}
	if limit == 0 {
		return printBin{}, false
	}
	if p.enc == Unicode {
		if pb, ok, valid := printableUTF8(bin, limit, d); valid {
			return pb, ok
		}
	}
	// Latin-1: count the printable bytes before the first that is not.
	good := 0
	for good < limit && printableLatin1(int(bin[good])) {
		good++
	}
	switch {
	case good == size:
		return printBin{data: bin}, true
	case good == limit:
		return printBin{data: bin[:limit], dots: true}, true
	case d > 0 && good >= d:
		return printBin{data: bin[:good], dots: true}, true
	}
	return printBin{}, false
}

// printableUTF8 is printable_bin's unicode branch; valid is false when the
// bytes are not valid UTF-8 and the Latin-1 test should decide.
func printableUTF8(bin []byte, limit, d int) (pb printBin, ok, valid bool) {
	rest := bin
	for i := 0; i < limit && len(rest) > 0; i++ {
		r, sz := utf8.DecodeRune(rest)
		if r == utf8.RuneError && sz <= 1 {
			return printBin{}, false, false
		}
		rest = rest[sz:]
	}
	rest = bin
	nc, chars := limit, 0
	for nc > 0 && len(rest) > 0 {
		r, sz := utf8.DecodeRune(rest)
		if !printableLatin1(int(r)) {
			break
		}
		rest = rest[sz:]
		nc--
		chars++
	}
	consumed := len(bin) - len(rest)
	pb = printBin{data: bin[:consumed], utf8: true}
	if consumed != chars {
		pb.suffix = "/utf8"
	}
	switch {
	case len(rest) == 0:
		return pb, true, true
	case d > 0 && limit-nc >= d:
		pb.dots = true
		return pb, true, true
	}
	return printBin{}, false, true
}

// layout writes a node tree broken over lines. ll is the line length and m
// the term's one-line length (io_lib_pretty's M without line_max_chars).
type layout struct {
	b  *strings.Builder
	p  *printer
	ll int
	m  int
}

func (l *layout) write(nd *node) { l.p.writeFlat(l.b, nd) }

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
	l.p.expand(nd)
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

func pairLeaf(p *node) bool { return p.pairLeaf }

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
	l.p.expand(p)
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
	segs := binarySegments(nd.t, nd.d)
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
	l.p.expand(nd)
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
	l.p.expand(p)
	if !l.check(p.elems[0], col, tind, ld, w) {
		return 0, false
	}
	if !l.check(p.elems[1], col+mapValueIndent(tind), tind, ld, 0) {
		return 0, false
	}
	return l.ll, true
}
