// Package bench measures otpbox's VM against real Erlang/OTP on the same
// Erlang programs (bench.erl): fib(27), and building, sorting, folding and
// mapping over 200,000-element lists and a map. bench_test.go holds the Go
// benchmarks; compare.sh runs them and BEAM (erl +S 1) and prints ratios.
package bench

import _ "embed"

// Source is bench.erl, the programs both systems run.
//
//go:embed bench.erl
var Source []byte

// N is the size of the lists and the map.
const N = 200000
