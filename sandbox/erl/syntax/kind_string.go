package syntax

import "strconv"

var kindNames = [...]string{
	ILLEGAL: "ILLEGAL", EOF: "EOF", COMMENT: "COMMENT",
	ATOM: "atom", VAR: "var", INTEGER: "integer", FLOAT: "float", CHAR: "char", STRING: "string",
	LPAREN: "(", RPAREN: ")", LBRACE: "{", RBRACE: "}", LBRACKET: "[", RBRACKET: "]",
	COMMA: ",", SEMI: ";", COLON: ":", COLONCOL: "::", DOT: "dot", PERIOD: ".", DOTDOT: "..",
	DOTDOTDOT: "...", BAR: "|", BARBAR: "||", ARROW: "->", LARROW: "<-", LDARROW: "<=",
	MAPSTO: "=>", ASSOC: ":=", DOUBLELT: "<<", DOUBLEGT: ">>", HASH: "#", QUESTION: "?",
	QQ: "??", BANG: "!", MAYBEARROW: "?=", OTHER: "other",
	PLUS: "+", MINUS: "-", STAR: "*", SLASH: "/", PLUSPLUS: "++", MINUSMINUS: "--",
	MATCH: "=", EQ: "==", NE: "/=", LT: "<", LE: "=<", GT: ">", GE: ">=", EXEQ: "=:=", EXNE: "=/=",
	AFTER: "after", AND: "and", ANDALSO: "andalso", BAND: "band", BEGIN: "begin", BNOT: "bnot",
	BOR: "bor", BSL: "bsl", BSR: "bsr", BXOR: "bxor", CASE: "case", CATCH: "catch", COND: "cond",
	DIV: "div", ELSE: "else", END: "end", FUN: "fun", IF: "if", LET: "let", MAYBE: "maybe",
	NOT: "not", OF: "of", OR: "or", ORELSE: "orelse", RECEIVE: "receive", REM: "rem", TRY: "try",
	WHEN: "when", XOR: "xor",
}

// String returns the token's spelling for punctuation, operators and
// keywords, and a lower-case class name for the others.
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// keywords lists the reserved words by first letter: looking a name up
// compares it with the two or three words of its letter, which is several
// times cheaper than hashing it for a map, and the scanner does it for most
// atoms.
var keywords = func() (t [26][]Kind) {
	for k := keywordBeg + 1; k < keywordEnd; k++ {
		c := kindNames[k][0] - 'a'
		t[c] = append(t[c], k)
	}
	return t
}()

// Keyword returns the keyword kind for name, or ATOM when name is not a
// reserved word. ELSE and MAYBE are returned as keywords; the scanner turns
// them back into atoms unless the maybe_expr feature is enabled.
func Keyword(name string) Kind {
	if name == "" || name[0] < 'a' || name[0] > 'z' {
		return ATOM
	}
	for _, k := range keywords[name[0]-'a'] {
		if kindNames[k] == name {
			return k
		}
	}
	return ATOM
}
