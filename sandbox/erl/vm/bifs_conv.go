package vm

import (
	"hash/fnv"
	"math"
	"strconv"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/format"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/internal/etf"
)

// addConvBifs adds the conversion BIFs beyond the basic ones of
// addTermBifs: float_to_list/2 options, the external term format, tuple
// editing, bitstring lists and hashing.
func addConvBifs(e func(string, int, bifFn)) {
	e("binary_to_atom", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		return p.vm.bifs["erlang:binary_to_atom/2"].fn(p, []term.Term{a[0], p.vm.atom("utf8")})
	})
	e("binary_to_existing_atom", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		return p.vm.bifs["erlang:binary_to_existing_atom/2"].fn(p, []term.Term{a[0], p.vm.atom("utf8")})
	})
	e("binary_to_integer", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		b, ok := a[1].Int()
		if !a[0].IsBinary() || !ok || b < 2 || b > 36 {
			return p.badarg()
		}
		t, ok := parseInt(string(binBytes(a[0])), int(b))
		if !ok {
			return p.badarg()
		}
		return t, true
	})
	floatText := func(p *proc, a []term.Term) (string, bool) {
		if a[0].Kind() != term.KindFloat {
			return "", false
		}
		if len(a) == 1 {
			return format.FloatToList(a[0].Float()), true
		}
		return floatToListOpts(a[0].Float(), a[1])
	}
	for _, arity := range []int{1, 2} {
		e("float_to_binary", arity, func(p *proc, a []term.Term) (term.Term, bool) {
			s, ok := floatText(p, a)
			if !ok {
				return p.badarg()
			}
			return term.MakeBinary([]byte(s)), true
		})
	}
	e("float_to_list", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		s, ok := floatText(p, a)
		if !ok {
			return p.badarg()
		}
		return term.MakeString(s), true
	})
	e("binary_to_float", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsBinary() {
			return p.badarg()
		}
		return p.vm.bifs["erlang:list_to_float/1"].fn(p, []term.Term{term.MakeString(string(binBytes(a[0])))})
	})
	e("ref_to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindRef {
			return p.badarg()
		}
		return term.MakeString(format.Write(a[0], -1, format.Unicode)), true
	})
	e("insert_element", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[0].Int()
		if !ok || a[1].Kind() != term.KindTuple || n < 1 || n > int64(a[1].TupleLen())+1 {
			return p.badarg()
		}
		old := a[1].Elems()
		es := make([]term.Term, 0, len(old)+1)
		es = append(append(append(es, old[:n-1]...), a[2]), old[n-1:]...)
		return term.MakeTuple(es...), true
	})
	e("delete_element", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[0].Int()
		if !ok || a[1].Kind() != term.KindTuple || n < 1 || n > int64(a[1].TupleLen()) {
			return p.badarg()
		}
		old := a[1].Elems()
		es := make([]term.Term, 0, len(old)-1)
		es = append(append(es, old[:n-1]...), old[n:]...)
		return term.MakeTuple(es...), true
	})
	e("split_binary", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[1].Int()
		if !a[0].IsBinary() || !ok || n < 0 || n > int64(a[0].Bits().Size/8) {
			return p.badarg()
		}
		b := binBytes(a[0])
		return term.MakeTuple(term.MakeBinary(b[:n:n]), term.MakeBinary(b[n:])), true
	})
	e("iolist_size", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		b, ok := flatten(a[0], nil, false)
		if !ok {
			return p.badarg()
		}
		return term.MakeInt(int64(len(b))), true
	})
	e("list_to_bitstring", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		var w bitWriter
		if !flattenBits(a[0], &w) {
			return p.badarg()
		}
		return term.MakeBits(w.buf, w.nbit), true
	})
	e("bitstring_to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindBits {
			return p.badarg()
		}
		b := a[0].Bits()
		n := b.Size / 8
		es := make([]term.Term, n, n+1)
		for i, c := range b.Data[:n] {
			es[i] = term.MakeInt(int64(c))
		}
		if r := b.Size % 8; r != 0 {
			es = append(es, term.MakeBits([]byte{b.Data[n] & byte(0xff<<(8-r))}, r))
		}
		return term.MakeList(es...), true
	})
	e("term_to_binary", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		b, err := termToBinary(a[0])
		if err != nil {
			return p.badarg()
		}
		return term.MakeBinary(b), true
	})
	e("term_to_binary", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if term.ListLen(a[1]) < 0 {
			return p.badarg()
		}
		return p.vm.bifs["erlang:term_to_binary/1"].fn(p, a[:1])
	})
	e("binary_to_term", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsBinary() {
			return p.badarg()
		}
		t, err := binaryToTerm(binBytes(a[0]), p.vm.atoms.Intern)
		if err != nil {
			return p.badarg()
		}
		return t, true
	})
	e("binary_to_term", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if term.ListLen(a[1]) < 0 {
			return p.badarg()
		}
		return p.vm.bifs["erlang:binary_to_term/1"].fn(p, a[:1])
	})
	// phash2 hashes the external format, so it is stable across runs and
	// machines as OTP's is (its values differ from OTP's); the protocol
	// flavour also encodes funs, anywhere in the term.
	phash := func(p *proc, t term.Term, rng uint64) (term.Term, bool) {
		h := fnv.New32a()
		h.Write(etf.Encode(nil, t))
		return term.MakeInt(int64(uint64(h.Sum32()) % rng)), true
	}
	e("phash2", 1, func(p *proc, a []term.Term) (term.Term, bool) { return phash(p, a[0], 1<<27) })
	e("phash2", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		r, ok := a[1].Int()
		if !ok || r < 1 || r > 1<<32 {
			return p.badarg()
		}
		return phash(p, a[0], uint64(r))
	})
	dateTime := func(p *proc, utc bool) term.Term {
		t := p.vm.now()
		if utc {
			t = t.UTC()
		}
		return term.MakeTuple(
			term.MakeTuple(term.MakeInt(int64(t.Year())), term.MakeInt(int64(t.Month())), term.MakeInt(int64(t.Day()))),
			term.MakeTuple(term.MakeInt(int64(t.Hour())), term.MakeInt(int64(t.Minute())), term.MakeInt(int64(t.Second()))))
	}
	e("universaltime", 0, func(p *proc, a []term.Term) (term.Term, bool) { return dateTime(p, true), true })
	e("localtime", 0, func(p *proc, a []term.Term) (term.Term, bool) { return dateTime(p, false), true })
}

// binBytes is a binary's bytes.
func binBytes(t term.Term) []byte { return t.Bits().Data[:t.Bits().Size/8] }

// flattenBits writes a bitstring list (bytes, bitstrings, nested lists)
// to w.
func flattenBits(t term.Term, w *bitWriter) bool {
	for ; t.Kind() == term.KindCons; t = t.Cons().Tail {
		h := t.Cons().Head
		switch {
		case h.IsSmall() && h.Small() >= 0 && h.Small() <= 255:
			w.writeBytes([]byte{byte(h.Small())}, 8)
		case h.Kind() == term.KindBits:
			w.writeBytes(h.Bits().Data, h.Bits().Size)
		case h.Kind() == term.KindCons || h.IsNil():
			if !flattenBits(h, w) {
				return false
			}
		default:
			return false
		}
	}
	if t.Kind() == term.KindBits {
		w.writeBytes(t.Bits().Data, t.Bits().Size)
		return true
	}
	return t.IsNil()
}

// floatToListOpts is float_to_list/2: {decimals, D} (0..253) with
// optional compact, {scientific, D} (0..249), short; the last of
// decimals/scientific/short wins, as in OTP.
func floatToListOpts(f float64, opts term.Term) (string, bool) {
	mode, digits, compact := "sci", 20, false
	l := opts
	for ; l.Kind() == term.KindCons; l = l.Cons().Tail {
		o := l.Cons().Head
		switch {
		case o.IsAtom("compact"):
			compact = true
		case o.IsAtom("short"):
			mode = "short"
		case o.Kind() == term.KindTuple && o.TupleLen() == 2 && o.Elem(0).Kind() == term.KindAtom:
			d, ok := o.Elem(1).Int()
			switch {
			case !ok || d < 0:
				return "", false
			case o.Elem(0).IsAtom("decimals") && d <= 253:
				mode, digits = "dec", int(d)
			case o.Elem(0).IsAtom("scientific") && d <= 249:
				mode, digits = "sci", int(d)
			default:
				return "", false
			}
		default:
			return "", false
		}
	}
	if !l.IsNil() || math.IsInf(f, 0) || math.IsNaN(f) {
		return "", false
	}
	switch mode {
	case "short":
		return format.ShortFloat(f), true
	case "dec":
		s := strconv.FormatFloat(f, 'f', digits, 64)
		if compact && strings.Contains(s, ".") {
			s = strings.TrimRight(s, "0")
			if strings.HasSuffix(s, ".") {
				s += "0"
			}
		}
		return s, true
	}
	return strconv.FormatFloat(f, 'e', digits, 64), true
}
