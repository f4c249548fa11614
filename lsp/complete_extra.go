package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// bifNames are the names of erlang's functions that may be auto-imported;
// which arities are is sema's knowledge (sema.IsAutoImported), which
// TestBIFNames checks every name against.
var bifNames = strings.Fields(`abs alias apply atom_to_binary atom_to_list binary_part binary_to_atom
binary_to_existing_atom binary_to_float binary_to_integer binary_to_list binary_to_term bit_size
bitstring_to_list byte_size ceil check_old_code check_process_code date delete_module demonitor
disconnect_node element erase error exit float float_to_binary float_to_list floor garbage_collect get
get_keys group_leader halt hd integer_to_binary integer_to_list iolist_size iolist_to_binary is_alive
is_atom is_binary is_bitstring is_boolean is_float is_function is_integer is_list is_map is_map_key
is_number is_pid is_port is_process_alive is_record is_reference is_tuple length link list_to_atom
list_to_binary list_to_bitstring list_to_existing_atom list_to_float list_to_integer list_to_pid
list_to_port list_to_ref list_to_tuple load_module make_ref map_get map_size max min module_loaded
monitor monitor_node node nodes open_port pid_to_list port_close port_command port_connect
port_control port_to_list pre_loaded process_flag process_info processes purge_module put ref_to_list
register registered round self setelement size spawn spawn_link spawn_monitor spawn_opt spawn_request
spawn_request_abandon split_binary statistics term_to_binary term_to_iovec throw time tl trunc
tuple_size tuple_to_list unalias unlink unregister whereis`)

// autoImportedBIFs lists the auto-imported BIFs a module does not shadow
// with a function of its own.
func autoImportedBIFs(mod *sema.Module) []sema.FA {
	var out []sema.FA
	for _, n := range bifNames {
		for a := 0; a <= 4; a++ {
			if sema.IsAutoImported(n, a) && (mod == nil || mod.Function(n, a) == nil) {
				out = append(out, sema.FA{Name: n, Arity: a})
			}
		}
	}
	return out
}

// bifItem proposes an auto-imported BIF.
func (s *Server) bifItem(fa sema.FA) CompletionItem {
	it := CompletionItem{Label: fa.String(), FilterText: fa.Name, Kind: compFunction, Detail: "erlang:" + fa.String() + " (BIF)",
		Documentation: &MarkupContent{Kind: "markdown", Value: "`erlang:" + fa.String() + "`, a built-in function, auto-imported: callable without `erlang:`."}}
	args := make([]string, fa.Arity)
	for i := range args {
		args[i] = fmt.Sprintf("${%d:Arg%d}", i+1, i+1)
	}
	if s.snippets() {
		it.InsertText, it.InsertTextFormat = fa.Name+"("+strings.Join(args, ", ")+")", 2
	} else {
		it.InsertText = fa.Name + "("
	}
	return it
}

// atomsUsed lists the atoms written in the module's own forms, apart
// from function and module names of calls and fun references, for
// completing an atom the module already uses. It walks the check's syntax
// tree: scanning the text again would cost more than the rest of a
// completion on a large module.
func atomsUsed(forms []syntax.Form, off int32) []string {
	seen := map[string]bool{}
	skip := map[*syntax.Atom]bool{}
	skipExpr := func(e syntax.Expr) {
		if a, ok := e.(*syntax.Atom); ok {
			skip[a] = true
		}
	}
	for _, f := range forms {
		if _, ok := f.(*syntax.Function); !ok {
			continue // attributes name modules, functions and types
		}
		syntax.Inspect(f, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.Call:
				skipExpr(n.Fun)
			case *syntax.Remote:
				skipExpr(n.Module)
				skipExpr(n.Name)
			case *syntax.FunRef:
				skipExpr(n.Module)
				skipExpr(n.Name)
			case *syntax.Record:
				skip[n.Name] = true
			case *syntax.RecordAccess:
				skip[n.Name], skip[n.Field] = true, true
			case *syntax.RecordIndex:
				skip[n.Name], skip[n.Field] = true, true
			case *syntax.RecordField:
				skip[n.Name] = true
			case *syntax.Clause:
				skipExpr(n.Name)
			case *syntax.Atom:
				if !skip[n] && !(n.Pos.Offset <= off && off <= n.End.Offset) {
					seen[n.Name] = true
				}
			}
			return true
		})
	}
	out := make([]string, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// skeletonItems are the OTP module skeletons, offered at the start of a
// line: the module's attributes and the behaviour's callbacks.
func (s *Server) skeletonItems(module string) []CompletionItem {
	var out []CompletionItem
	for _, b := range []struct {
		name, api string
		order     []sema.FA
	}{
		{"gen_server", "start_link() ->\n    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).",
			[]sema.FA{{Name: "init", Arity: 1}, {Name: "handle_call", Arity: 3}, {Name: "handle_cast", Arity: 2}, {Name: "handle_info", Arity: 2}, {Name: "terminate", Arity: 2}, {Name: "code_change", Arity: 3}}},
		{"supervisor", "start_link() ->\n    supervisor:start_link({local, ?MODULE}, ?MODULE, []).",
			[]sema.FA{{Name: "init", Arity: 1}}},
		{"gen_statem", "start_link() ->\n    gen_statem:start_link({local, ?MODULE}, ?MODULE, [], []).",
			[]sema.FA{{Name: "callback_mode", Arity: 0}, {Name: "init", Arity: 1}}},
	} {
		exports := []string{"start_link/0"}
		for _, fa := range b.order {
			exports = append(exports, fa.String())
		}
		var body strings.Builder
		fmt.Fprintf(&body, "-module(%s).\n-behaviour(%s).\n\n-export([%s]).\n\n%s\n", module, b.name, strings.Join(exports, ", "), b.api)
		for _, fa := range b.order {
			body.WriteString("\n")
			body.WriteString(callbackSkeleton(b.name, fa))
			body.WriteString("\n")
		}
		if b.name == "gen_statem" {
			body.WriteString("\nidle(_EventType, _EventContent, Data) ->\n    {keep_state, Data}.\n")
		}
		out = append(out, CompletionItem{Label: b.name, Kind: compSnippet, Detail: b.name + " module skeleton",
			FilterText: b.name, InsertText: body.String(), InsertTextFormat: 1})
	}
	return out
}

// CompletionData travels with a function item so that resolve can find
// its docs.
type CompletionData struct {
	Module string `json:"module"`
	Name   string `json:"name"`
	Arity  int    `json:"arity"`
}

// handleCompletionResolve adds a function item's documentation: its
// -spec as written and its doc comment, as hover shows them.
func handleCompletionResolve(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	var it CompletionItem
	if err := decode(params, &it); err != nil {
		return nil, err
	}
	if len(it.Data) == 0 {
		return it, nil
	}
	var d CompletionData
	if err := json.Unmarshal(it.Data, &d); err != nil {
		return nil, invalidParams(fmt.Errorf("completion item data: %w", err))
	}
	if err := s.ws.wait(ctx); err != nil {
		return nil, err
	}
	mod := s.ws.index.Module(d.Module)
	if mod == nil {
		return it, nil
	}
	fn := mod.Function(d.Name, d.Arity)
	if fn == nil {
		return it, nil
	}
	it.Documentation = &MarkupContent{Kind: "markdown", Value: s.hoverText(mod, fn, &Document{})}
	return it, nil
}
