//go:build wasip1

package main

import "runtime"

// yieldToCollector lets the Go runtime's other goroutines run: the
// guest's only thread otherwise never leaves the VM's goroutine, since a
// wasm import call (recv) is not a scheduling point. The collector's
// background mark worker then never runs, every cycle's marking is left
// to allocation assists, and the write barriers stay on for most of the
// run. Yielding between reduction slices (every poll of the host) let the
// worker finish cycles early: a list-building program ran 2x faster, the
// ring and spawn benchmarks 1.8x and 3x (docs/rationale.md, "sandbox: the
// guest's collector"). The guest's GOGC and soft memory limit come from
// the host (sandbox/wasm.go, guestRuntimeEnv).
func yieldToCollector() { runtime.Gosched() }
