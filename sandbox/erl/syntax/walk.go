package syntax

// Inspect walks the tree rooted at n in source order, depth first. It calls
// f(node) for each node; when f returns true it then walks the node's
// children, and afterwards calls f(nil), which lets a caller keep a stack of
// enclosing nodes (as go/ast.Inspect does). Nil children are skipped.
func Inspect(n Node, f func(Node) bool) {
	if isNil(n) || !f(n) {
		return
	}
	forEachChild(n, func(c Node) { Inspect(c, f) })
	f(nil)
}

// Path returns the chain of nodes whose span contains pos, outermost first,
// ending with the innermost one; it is empty when pos is in no form. The
// language server maps a cursor to a node with it.
func Path(file *File, pos Pos) []Node {
	var path []Node
	for _, form := range file.Forms {
		if !form.Span().Contains(pos) {
			continue
		}
		Inspect(form, func(n Node) bool {
			if n == nil {
				return false
			}
			if !n.Span().Contains(pos) {
				return false
			}
			path = append(path, n)
			return true
		})
		break
	}
	return path
}

// isNil reports whether n is nil or a typed nil pointer, which optional
// fields (a record field without a default, say) hold.
func isNil(n Node) bool {
	if n == nil {
		return true
	}
	switch n := n.(type) {
	case *Atom:
		return n == nil
	case *Var:
		return n == nil
	case *Integer:
		return n == nil
	case *MapField:
		return n == nil
	}
	return false
}

func exprs[T Node](list []T, visit func(Node)) {
	for _, e := range list {
		if !isNil(e) {
			visit(e)
		}
	}
}

func one(n Node, visit func(Node)) {
	if !isNil(n) {
		visit(n)
	}
}

// forEachChild calls visit for each direct child of n in source order.
func forEachChild(n Node, visit func(Node)) {
	switch n := n.(type) {
	case *File:
		exprs(n.Forms, visit)
	case *ModuleAttr:
		one(n.Name, visit)
	case *ExportAttr:
		exprs(n.Funcs, visit)
	case *ImportAttr:
		one(n.Module, visit)
		exprs(n.Funcs, visit)
	case *NameArity:
		one(n.Name, visit)
		one(n.Arity, visit)
	case *BehaviourAttr:
		one(n.Name, visit)
	case *RecordDef:
		one(n.Name, visit)
		exprs(n.Fields, visit)
	case *RecordFieldDef:
		one(n.Name, visit)
		one(n.Default, visit)
		one(n.Type, visit)
	case *TypeDef:
		one(n.Name, visit)
		exprs(n.Params, visit)
		one(n.Type, visit)
	case *Spec:
		one(n.Module, visit)
		one(n.Name, visit)
		exprs(n.Clauses, visit)
	case *SpecClause:
		exprs(n.Params, visit)
		one(n.Result, visit)
		exprs(n.Constraints, visit)
	case *Constraint:
		one(n.Var, visit)
		one(n.Type, visit)
	case *Attribute:
		one(n.Name, visit)
		one(n.Value, visit)
	case *Function:
		exprs(n.Clauses, visit)
	case *Clause:
		one(n.Name, visit)
		one(n.Class, visit)
		exprs(n.Patterns, visit)
		one(n.Stack, visit)
		for _, g := range n.Guard {
			exprs(g, visit)
		}
		exprs(n.Body, visit)
	case *Tuple:
		exprs(n.Elems, visit)
	case *List:
		exprs(n.Elems, visit)
		one(n.Tail, visit)
	case *Binary:
		exprs(n.Elems, visit)
	case *BinElem:
		one(n.Value, visit)
		one(n.Size, visit)
		exprs(n.Types, visit)
	case *BinType:
		one(n.Arg, visit)
	case *Map:
		one(n.Base, visit)
		exprs(n.Fields, visit)
	case *MapField:
		one(n.Key, visit)
		one(n.Value, visit)
	case *Record:
		one(n.Base, visit)
		one(n.Name, visit)
		exprs(n.Fields, visit)
	case *RecordField:
		one(n.Name, visit)
		one(n.Value, visit)
	case *RecordIndex:
		one(n.Name, visit)
		one(n.Field, visit)
	case *RecordAccess:
		one(n.X, visit)
		one(n.Name, visit)
		one(n.Field, visit)
	case *UnaryOp:
		one(n.X, visit)
	case *BinaryOp:
		one(n.X, visit)
		one(n.Y, visit)
	case *Match:
		one(n.Left, visit)
		one(n.Right, visit)
	case *MaybeMatch:
		one(n.Left, visit)
		one(n.Right, visit)
	case *Catch:
		one(n.X, visit)
	case *Call:
		one(n.Fun, visit)
		exprs(n.Args, visit)
	case *Remote:
		one(n.Module, visit)
		one(n.Name, visit)
	case *FunRef:
		one(n.Module, visit)
		one(n.Name, visit)
		one(n.Arity, visit)
	case *Fun:
		exprs(n.Clauses, visit)
	case *Case:
		one(n.X, visit)
		exprs(n.Clauses, visit)
	case *If:
		exprs(n.Clauses, visit)
	case *Receive:
		exprs(n.Clauses, visit)
		one(n.Timeout, visit)
		exprs(n.AfterBody, visit)
	case *Try:
		exprs(n.Body, visit)
		exprs(n.Of, visit)
		exprs(n.Catch, visit)
		exprs(n.After, visit)
	case *Block:
		exprs(n.Body, visit)
	case *Maybe:
		exprs(n.Body, visit)
		exprs(n.Else, visit)
	case *Comprehension:
		one(n.Head, visit)
		exprs(n.Quals, visit)
	case *Generator:
		one(n.Key, visit)
		one(n.Pattern, visit)
		one(n.X, visit)
	case *TypeUnion:
		exprs(n.Types, visit)
	case *TypeAnn:
		one(n.Var, visit)
		one(n.Type, visit)
	case *TypeFun:
		exprs(n.Params, visit)
		one(n.Result, visit)
	case *TypeList:
		one(n.Elem, visit)
	case *TypeBinary:
		one(n.Size, visit)
		one(n.Unit, visit)
	}
}
