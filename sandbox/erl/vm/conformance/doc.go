// Package conformance holds otpbox's VM conformance suite: small Erlang
// programs under testdata, each with the output real Erlang/OTP 25 printed
// for it (NAME.golden, recorded by record.sh), and the Go test that runs
// every program in otpbox's VM and compares. See README.md for the protocol.
//
// It is a package of its own, apart from sandbox/erl/vm, so that a suite
// failing to build or pass never blocks the VM package's own tests.
package conformance
