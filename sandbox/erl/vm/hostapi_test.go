package vm

import (
	"errors"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// StartCall runs calls side by side under Run: one that waits for a
// message does not hold back one that returns; IdleFor reports the
// timer the waiting one set, and a halt ends every call in progress.
func TestStartCallSideBySide(t *testing.T) {
	v := New(NewConfig())
	if err := v.LoadModule("h.erl", []byte(`-module(h).
-export([wait/0, add/2, stop/0]).
wait() -> receive go -> done after 60000 -> late end.
add(A, B) -> A + B.
stop() -> erlang:halt(7).
`)); err != nil {
		t.Fatal(err)
	}
	waiting, err := v.StartCall("h", "wait")
	if err != nil {
		t.Fatal(err)
	}
	adding, err := v.StartCall("h", "add", term.MakeInt(2), term.MakeInt(3))
	if err != nil {
		t.Fatal(err)
	}
	if _, done, _ := adding.Result(); done {
		t.Fatal("a call finished before Run ran it")
	}
	// A few slices: both run (the stop function must not call Result,
	// which takes the lock Run holds around it).
	runs := 0
	if err := v.Run(func() bool { runs++; return runs > 4 }); err != nil {
		t.Fatal(err)
	}
	if r, done, err := adding.Result(); !done || err != nil || Show(r) != "5" {
		t.Fatalf("add = %s, %v, %v", Show(r), done, err)
	}
	if _, done, _ := waiting.Result(); done {
		t.Fatal("the waiting call returned")
	}
	wait, idle := v.IdleFor()
	if !idle || wait <= 50*time.Second || wait > 60*time.Second {
		t.Errorf("IdleFor = %v, %v; want idle until the 60 s timeout", wait, idle)
	}
	v.Send(waiting.Pid(), term.MakeAtom("go"))
	if _, idle := v.IdleFor(); idle {
		t.Error("idle with a message from outside waiting")
	}
	v.Wake()
	if err := v.Run(func() bool { return false }); !errors.Is(err, ErrDeadlock) {
		t.Fatalf("Run once every call ended: %v", err)
	}
	if r, done, err := waiting.Result(); !done || err != nil || Show(r) != "done" {
		t.Fatalf("wait = %s, %v, %v", Show(r), done, err)
	}

	if _, err := v.StartCall("h", "nope"); err == nil {
		t.Error("StartCall of an undefined function succeeded")
	}
	blocked, _ := v.StartCall("h", "wait")
	stop, _ := v.StartCall("h", "stop")
	var halt *HaltError
	if err := v.Run(func() bool { return false }); !errors.As(err, &halt) || halt.Status != 7 {
		t.Fatalf("Run after halt: %v", err)
	}
	for _, h := range []*CallHandle{blocked, stop} {
		if _, done, err := h.Result(); !done || !errors.As(err, &halt) {
			t.Errorf("a call after halt: %v %v", done, err)
		}
	}
	if _, err := v.StartCall("h", "add", term.MakeInt(1), term.MakeInt(1)); !errors.As(err, &halt) {
		t.Errorf("StartCall on a halted VM: %v", err)
	}
	if v.Halted() == nil || v.Halted().Status != 7 {
		t.Errorf("Halted = %v", v.Halted())
	}
}
