package sema

import (
	"fmt"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// checkFormat is erl_lint's check of io:format/io_lib:format calls (at
// its default level 1): a literal format string must be valid and a
// literal argument list must have as many elements as the string needs.
func (c *checker) checkFormat(call *syntax.Call, m, f string, args []syntax.Expr) {
	if !(m == "io" || m == "io_lib") || !(f == "format" || f == "fwrite") {
		return
	}
	var fmtArg, as syntax.Expr
	switch len(args) {
	case 1:
		fmtArg = args[0]
	case 2:
		fmtArg, as = args[0], args[1]
	case 3:
		fmtArg, as = args[1], args[2]
	default:
		c.add(Warning, call, "format", "format call with wrong number of arguments")
		return
	}
	var text string
	switch x := fmtArg.(type) {
	case *syntax.String:
		text = x.Value
	case *syntax.Atom:
		text = x.Name
	default:
		return // "not a textual constant" is a level-2 warning
	}
	nargs := -1 // no argument list
	if as != nil {
		n, known, isList := argsLength(as)
		if !isList {
			c.add(Warning, as, "format", "format arguments not a list")
			return
		}
		if !known {
			return // "perhaps not a list": level 2
		}
		nargs = n
	}
	need, err := formatNeeds(text)
	if err != "" {
		c.add(Warning, fmtArg, "format", "format string invalid (%s)", err)
		return
	}
	switch {
	case nargs < 0 && need > 0:
		c.add(Warning, fmtArg, "format", "the format string requires an argument list with %s, but no argument list is given", arguments(need))
	case nargs < 0 || nargs == need:
	case need == 0:
		c.add(Warning, as, "format", "the format string requires an empty argument list, but the argument list contains %s", arguments(nargs))
	case nargs == 0:
		c.add(Warning, as, "format", "the format string requires an argument list with %s, but the argument list is empty", arguments(need))
	case nargs < need:
		c.add(Warning, as, "format", "the format string requires an argument list with %s, but the argument list contains only %s", arguments(need), arguments(nargs))
	default:
		c.add(Warning, as, "format", "the format string requires an argument list with %s, but the argument list contains %s", arguments(need), arguments(nargs))
	}
}

func arguments(n int) string {
	if n == 1 {
		return "1 argument"
	}
	return fmt.Sprintf("%d arguments", n)
}

// argsLength measures a literal argument list: isList is false when it is
// certainly not a list, known is false when it may or may not be one.
func argsLength(e syntax.Expr) (n int, known, isList bool) {
	for {
		switch x := e.(type) {
		case *syntax.String:
			if n == 0 {
				// A whole-string argument list is a list of characters.
				return utf8.RuneCountInString(x.Value), true, true
			}
			return 0, false, true
		case *syntax.List:
			n += len(x.Elems)
			if x.Tail == nil {
				return n, true, true
			}
			e = x.Tail
		case *syntax.Atom, *syntax.Integer, *syntax.Float:
			return 0, false, n > 0
		default:
			return 0, false, true
		}
	}
}

// formatNeeds counts the arguments a format string consumes, or returns
// erl_lint's description of what is wrong with it.
func formatNeeds(s string) (need int, err string) {
	r := []rune(s)
	i := 0
	digits := func() {
		for i < len(r) && r[i] >= '0' && r[i] <= '9' {
			i++
		}
	}
	for i < len(r) {
		if r[i] != '~' {
			i++
			continue
		}
		i++
		// Field width.
		switch {
		case i+1 < len(r) && r[i] == '-' && r[i+1] >= '0' && r[i+1] <= '9', i < len(r) && r[i] >= '0' && r[i] <= '9':
			if r[i] == '-' {
				i++
			}
			digits()
		case i+1 < len(r) && r[i] == '-' && r[i+1] == '*':
			i += 2
			need++
		case i < len(r) && r[i] == '*':
			i++
			need++
		}
		// Precision.
		if i < len(r) && r[i] == '.' {
			switch {
			case i+1 < len(r) && r[i+1] >= '0' && r[i+1] <= '9':
				i++
				digits()
			case i+1 < len(r) && r[i+1] == '*':
				i += 2
				need++
			default:
				i++
			}
			// Pad character.
			if i < len(r) && r[i] == '.' {
				if i+1 < len(r) && r[i+1] == '*' {
					need++
				}
				if i+1 < len(r) {
					i += 2
				} else {
					i++
				}
			}
		}
		// Modifiers t and l.
		for i < len(r) && (r[i] == 't' || r[i] == 'l') {
			if i+1 >= len(r) {
				break
			}
			mod, c := r[i], r[i+1]
			switch {
			case mod == 't' && (c == 'c' || c == 's' || c == 'p' || c == 'P' || c == 'w' || c == 'W' || c == 'l'):
			case mod == 'l' && (c == 'p' || c == 'P' || c == 't'):
			case mod == 't':
				return 0, "invalid control ~t" + string(c)
			default:
				return 0, "invalid control ~l" + string(c)
			}
			i++
		}
		if i >= len(r) {
			return 0, "truncated"
		}
		switch r[i] {
		case '~', 'n':
		case 'c', 'f', 'e', 'g', 's', 'w', 'p', 'b', 'B', '+', '#', 'i':
			need++
		case 'W', 'P', 'x', 'X':
			need += 2
		default:
			return 0, "invalid control ~" + string(r[i])
		}
		i++
	}
	return need, ""
}
