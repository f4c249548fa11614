// Package cell holds values that goroutines share and read and write
// atomically: the caches and counters that Erlang map versions share
// between processes (term.Map's merged trie, a tail's count), and the
// VM's code generation, read at every remote call.
//
// Where there are threads a cell is sync/atomic's. In the wasm guest,
// which runs one thread and switches goroutines only at calls into the
// runtime, it is a plain load or store: Go's wasm port makes every
// sync/atomic operation a call the compiler may not inline, and a put
// into a map made three (docs/rationale.md, "term: chains of puts sorted
// once, session 10").
package cell
