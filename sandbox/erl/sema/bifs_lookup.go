package sema

// IsAutoImported reports whether erlang:name/arity is auto-imported (what
// erl_internal:bif/2 answers): error reports print such a function
// without its module, as erl_error does.
func IsAutoImported(name string, arity int) bool { return autoImported[FA{name, arity}] }

// IsGuardBIF reports whether erlang:name/arity may appear in a guard
// (erl_internal:guard_bif/2).
func IsGuardBIF(name string, arity int) bool { return guardBIFs[FA{name, arity}] }
