package syntax

import (
	"strconv"
	"strings"
)

// Dump renders a node as a compact S-expression, for golden tests and
// debugging: (call (remote lists map) F L), (case X (clause (a) () (ok))).
// Atoms print as Erlang writes them, variables by name, integers by value.
// Positions are not shown.
func Dump(n Node) string {
	var d dumper
	d.node(n)
	return d.String()
}

type dumper struct{ strings.Builder }

func (d *dumper) open(head string) { d.WriteString("(" + head) }
func (d *dumper) close()           { d.WriteByte(')') }

// kids writes " child" for each non-nil node.
func (d *dumper) kids(ns ...Node) {
	for _, n := range ns {
		if isNil(n) {
			continue
		}
		d.WriteByte(' ')
		d.node(n)
	}
}

// dumpList writes " (head e1 e2 ...)", or " (e1 e2 ...)" when head is empty.
func dumpList[T Node](d *dumper, head string, list []T) {
	d.WriteString(" (" + head)
	for i, n := range list {
		if i > 0 || head != "" {
			d.WriteByte(' ')
		}
		d.node(n)
	}
	d.close()
}

// opt writes label and n when n is present.
func (d *dumper) opt(label string, n Node) {
	if !isNil(n) {
		d.WriteString(label)
		d.kids(n)
	}
}

// seq writes (head pre... list...).
func seq[T Node](d *dumper, head string, list []T, pre ...Node) {
	d.open(head)
	d.kids(pre...)
	for _, n := range list {
		d.kids(n)
	}
	d.close()
}

func (d *dumper) form(head string, ns ...Node) {
	d.open(head)
	d.kids(ns...)
	d.close()
}

func (d *dumper) node(n Node) {
	if isNil(n) {
		d.WriteString("nil")
		return
	}
	switch n := n.(type) {
	case *File:
		d.open("file")
		for _, f := range n.Forms {
			d.WriteString("\n  ")
			d.node(f)
		}
		d.close()
	case *ModuleAttr:
		d.form("module", n.Name)
	case *ExportAttr:
		head := "export"
		if n.Type {
			head = "export_type"
		}
		seq(d, head, n.Funcs)
	case *ImportAttr:
		seq(d, "import", n.Funcs, n.Module)
	case *NameArity:
		d.node(n.Name)
		d.WriteString("/")
		d.node(n.Arity)
	case *BehaviourAttr:
		d.form(n.Spelling, n.Name)
	case *RecordDef:
		seq(d, "record-def", n.Fields, n.Name)
	case *RecordFieldDef:
		d.open("field")
		d.kids(n.Name)
		d.opt(" =", n.Default)
		d.opt(" ::", n.Type)
		d.close()
	case *TypeDef:
		head := "type"
		if n.Opaque {
			head = "opaque"
		}
		d.open(head)
		d.kids(n.Name)
		dumpList(d, "", n.Params)
		d.kids(n.Type)
		d.close()
	case *Spec:
		head := "spec"
		if n.Callback {
			head = "callback"
		}
		d.open(head)
		if n.Module != nil {
			d.kids(n.Module)
			d.WriteString(":")
			d.node(n.Name)
		} else {
			d.kids(n.Name)
		}
		d.WriteString("/" + strconv.Itoa(n.Arity))
		for _, c := range n.Clauses {
			d.kids(c)
		}
		d.close()
	case *SpecClause:
		d.open("sig")
		dumpList(d, "", n.Params)
		d.kids(n.Result)
		if len(n.Constraints) > 0 {
			dumpList(d, "when", n.Constraints)
		}
		d.close()
	case *Constraint:
		d.form("::", n.Var, n.Type)
	case *Attribute:
		d.form("attr", n.Name, n.Value)
	case *Function:
		d.open("function " + writeAtom(n.Name) + "/" + strconv.Itoa(n.Arity))
		for _, c := range n.Clauses {
			d.kids(c)
		}
		d.close()
	case *BadForm:
		d.WriteString("(bad-form)")
	case *Clause:
		d.open("clause")
		if n.Class != nil || n.Stack != nil {
			d.WriteString(" (class")
			d.kids(n.Class)
			d.kids(n.Stack)
			d.close()
		}
		dumpList(d, "", n.Patterns)
		d.WriteString(" (")
		for i, g := range n.Guard {
			if i > 0 {
				d.WriteString(" ;")
			}
			for j, t := range g {
				if i > 0 || j > 0 {
					d.WriteByte(' ')
				}
				d.node(t)
			}
		}
		d.close()
		dumpList(d, "", n.Body)
		d.close()
	case *Atom:
		d.WriteString(writeAtom(n.Name))
	case *Var:
		d.WriteString(n.Name)
	case *Integer:
		if n.Big != nil {
			d.WriteString(n.Big.String())
		} else {
			d.WriteString(strconv.FormatInt(n.Value, 10))
		}
	case *Float:
		d.WriteString(formatFloat(n.Value))
	case *Char:
		d.WriteString(writeChar(n.Value))
	case *String:
		d.WriteString(writeString(n.Value, '"'))
	case *Tuple:
		seq(d, "tuple", n.Elems)
	case *List:
		d.open("list")
		d.exprs(n.Elems)
		d.opt(" |", n.Tail)
		d.close()
	case *Binary:
		seq(d, "bin", n.Elems)
	case *BinElem:
		d.open("seg")
		d.kids(n.Value)
		d.opt(" :", n.Size)
		for _, t := range n.Types {
			d.WriteString(" /" + t.Name)
			if t.Arg != nil {
				d.WriteString(":")
				d.node(t.Arg)
			}
		}
		d.close()
	case *Map:
		seq(d, "map", n.Fields, n.Base)
	case *MapField:
		op := "=>"
		if n.Exact {
			op = ":="
		}
		d.form(op, n.Key, n.Value)
	case *Record:
		seq(d, "record", n.Fields, n.Base, n.Name)
	case *RecordField:
		d.form("field", n.Name, n.Value)
	case *RecordIndex:
		d.form("record-index", n.Name, n.Field)
	case *RecordAccess:
		d.form("record-field", n.X, n.Name, n.Field)
	case *UnaryOp:
		d.form(n.Op.String(), n.X)
	case *BinaryOp:
		d.form(n.Op.String(), n.X, n.Y)
	case *Match:
		d.form("=", n.Left, n.Right)
	case *MaybeMatch:
		d.form("?=", n.Left, n.Right)
	case *Catch:
		d.form("catch", n.X)
	case *Call:
		seq(d, "call", n.Args, n.Fun)
	case *Remote:
		d.form("remote", n.Module, n.Name)
	case *FunRef:
		d.form("fun-ref", n.Module, n.Name, n.Arity)
	case *Fun:
		seq(d, "fun", n.Clauses, n.Name)
	case *Case:
		seq(d, "case", n.Clauses, n.X)
	case *If:
		seq(d, "if", n.Clauses)
	case *Receive:
		d.open("receive")
		for _, c := range n.Clauses {
			d.kids(c)
		}
		if n.Timeout != nil {
			d.WriteString(" (after")
			d.kids(n.Timeout)
			dumpList(d, "", n.AfterBody)
			d.close()
		}
		d.close()
	case *Try:
		d.open("try")
		dumpList(d, "", n.Body)
		dumpList(d, "of", n.Of)
		dumpList(d, "catch", n.Catch)
		dumpList(d, "after", n.After)
		d.close()
	case *Block:
		seq(d, "begin", n.Body)
	case *Maybe:
		d.open("maybe")
		dumpList(d, "", n.Body)
		if n.HasElse {
			dumpList(d, "else", n.Else)
		}
		d.close()
	case *Comprehension:
		head := map[Kind]string{LBRACKET: "lc", DOUBLELT: "bc", HASH: "mc"}[n.Kind]
		seq(d, head, n.Quals, n.Head)
	case *Generator:
		op := "<-"
		if n.Kind == LDARROW {
			op = "<="
		}
		d.form(op, n.Key, n.Pattern, n.X)
	case *BadExpr:
		d.WriteString("(bad)")
	case *TypeUnion:
		seq(d, "union", n.Types)
	case *TypeAnn:
		d.form("::", n.Var, n.Type)
	case *TypeFun:
		d.open("fun-type")
		switch {
		case n.Any:
		case n.AnyArity:
			d.WriteString(" ...")
			d.kids(n.Result)
		default:
			dumpList(d, "", n.Params)
			d.kids(n.Result)
		}
		d.close()
	case *TypeList:
		head := "list-type"
		if n.NonEmpty {
			head = "nonempty-list-type"
		}
		d.form(head, n.Elem)
	case *TypeBinary:
		d.open("bin-type")
		d.opt(" size", n.Size)
		d.opt(" unit", n.Unit)
		d.close()
	case nil:
		d.WriteString("nil")
	default:
		d.WriteString("(?)")
	}
}

func (d *dumper) exprs(list []Expr) {
	for _, e := range list {
		d.kids(e)
	}
}
