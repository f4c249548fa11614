package format

// FormatTerms is io_lib:format(Format, Args) for the VM's BIFs, taking the
// arguments as Erlang passes them: Format a string, a binary (its bytes
// are the characters, as binary_to_list/1 makes them) or an atom, and Args
// a proper list. (A deep list format is flattened; OTP would copy nested
// lists to the output without reading directives in them.) It
// fails, wrapping ErrBadArg, when either is malformed or they do not fit.
// The result is UTF-8; io_lib:format's character list is its code points.
func FormatTerms(format, args Term) (string, error) {
	f, ok := formatRunes(format)
	if !ok {
		return "", badarg("the format is not a string, binary or atom: %s", Write(format, 10, Unicode))
	}
	var as []Term
	t := args
	for kindOf(t) == kCons {
		h, tl := cons(t)
		as = append(as, h)
		t = tl
	}
	if kindOf(t) != kNil {
		return "", badarg("the arguments are not a proper list: %s", Write(args, 10, Unicode))
	}
	return Format(string(f), as)
}

func formatRunes(t Term) ([]rune, bool) {
	switch kindOf(t) {
	case kAtom:
		return []rune(atomName(t)), true
	case kBits:
		data, n := bits(t)
		if n%8 != 0 {
			return nil, false
		}
		return latin1Runes(data), true
	}
	var cs []rune
	if !appendChars(&cs, t, Unicode) {
		return nil, false
	}
	return cs, true
}

func latin1Runes(bs []byte) []rune {
	rs := make([]rune, len(bs))
	for i, c := range bs {
		rs[i] = rune(c)
	}
	return rs
}
