package vm

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const recvSrc = `-module(t).
-export([relay/1, ring/2, selective/0, named/1, timeout/0, permuted/0, run/0, echo/2]).
relay(Next) ->
    receive
        stop -> Next ! stop;
        N -> Next ! N, relay(Next)
    end.

ring(Size, Laps) ->
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, Self, lists:seq(1, Size - 1)),
    First ! Laps,
    wait_ring(First, 0).

wait_ring(First, Hops) ->
    receive
        0 -> First ! stop, receive stop -> Hops end;
        N -> First ! N - 1, wait_ring(First, Hops + 1)
    end.

selective() ->
    Self = self(),
    P = spawn(fun() -> Self ! ready, receive b -> receive a -> Self ! done end end end),
    receive ready -> ok end,
    P ! a,
    P ! b,
    receive done -> ok end.

named(N) ->
    register(me, self()),
    me ! N,
    count(0).

count(Acc) ->
    receive
        0 -> Acc;
        N -> me ! N - 1, count(Acc + N)
    end.

timeout() ->
    receive never -> never after 1 -> timed_out end.

permuted() ->
    Self = self(),
    P = spawn(fun() -> swap(a, b, Self) end),
    P ! go,
    P ! go,
    P ! stop,
    receive X -> X end.

swap(X, Y, To) ->
    receive
        stop -> To ! {X, Y};
        go -> swap(Y, X, To)
    end.

run() ->
    Self = self(),
    P = spawn(fun() -> echo(Self, 0) end),
    receive 0 -> ok end,
    P ! 1,
    receive 1 -> ok end,
    P ! 2,
    receive 2 -> ok end,
    P ! stop,
    ok.

echo(To, Last) ->
    To ! Last,
    receive
        stop -> ok;
        N -> echo(To, N)
    end.
`

// TestRecvLoopRunsAHop runs one hop of a message ring: a relay resumed
// with a message takes it, sends it on and waits again without leaving
// runRecv.
func TestRecvLoopRunsAHop(t *testing.T) {
	m, _ := load(t, recvSrc)
	mod, err := m.module("t")
	if err != nil {
		t.Fatal(err)
	}
	relay := mod.funcs["relay/1"]
	m.dbg.world.Lock()
	defer m.dbg.world.Unlock()
	next, err := m.spawnProc(nil, func(q *proc) error { q.start(relay, []term.Term{term.MakeInt(0)}); return nil })
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.spawnProc(nil, func(q *proc) error { q.start(relay, []term.Term{term.MakePid(next.pid)}); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if st := p.run(100); st != statusWait {
		t.Fatalf("first slice: status %d, want it waiting", st)
	}
	m.deliver(p, term.MakeInt(7))
	st, left := p.runRecv(100)
	if st != statusWait || left != 99 {
		t.Fatalf("a hop: status %d with %d reductions left, want waiting with 99", st, left)
	}
	if len(p.mailbox) != 0 || len(next.mailbox) != 1 || Show(next.mailbox[0]) != "7" {
		t.Fatalf("after a hop: mailbox %v, next's %v", p.mailbox, next.mailbox)
	}
	if fr := p.top(); fr.fn.code[fr.pc].op != opRecvWait {
		t.Fatalf("waiting at %s, want recv_wait", opNames[fr.fn.code[fr.pc].op])
	}
	// The stop clause returns: runSlow's to run, after the send.
	m.deliver(p, m.atom("stop"))
	if st, _ := p.runRecv(100); st != statusSlow {
		t.Fatalf("stop: status %d, want a hand-over", st)
	}
	if len(next.mailbox) != 2 || Show(next.mailbox[1]) != "stop" {
		t.Fatalf("after stop: next's mailbox %v", next.mailbox)
	}
	if st := p.run(100); st != statusDone {
		t.Fatalf("after the hand-over: status %d, want done", st)
	}
}

// TestRecvLoopHandsOver runs receives through each of runRecv's
// hand-overs to runSlow: a timeout to arm and fire, a send to a name, a
// message skipped by a selective receive, a tail call with permuted
// arguments, a clause that calls.
func TestRecvLoopHandsOver(t *testing.T) {
	m, _ := load(t, recvSrc)
	for _, c := range []struct {
		fn   string
		args []term.Term
		want string
	}{
		{"ring", []term.Term{term.MakeInt(50), term.MakeInt(20)}, "20"},
		{"selective", nil, "ok"},
		{"named", []term.Term{term.MakeInt(10)}, "55"},
		{"timeout", nil, "timed_out"},
		{"permuted", nil, "{a,b}"},
	} {
		r, err := m.Call("t", c.fn, c.args...)
		if err != nil {
			t.Errorf("%s: %v", c.fn, err)
			continue
		}
		if got := Show(r); got != c.want {
			t.Errorf("%s = %s, want %s", c.fn, got, c.want)
		}
	}
}

// TestRecvLoopBreakpoints stops a process at its head line each time
// runRecv's tail call re-enters it (the trap stands where that tail call
// would skip the head's self-move), and at the line after it (a trap that
// runRecv hands to runSlow). Each message reaches echo/2 while it waits,
// so runRecv runs each hop.
func TestRecvLoopBreakpoints(t *testing.T) {
	src := strings.Split(recvSrc, "\n")
	head := slices.Index(src, "echo(To, Last) ->") + 1
	for _, line := range []int{head, head + 1} {
		s := newSession(t, recvSrc)
		if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: line}}); err != nil {
			t.Fatal(err)
		}
		s.call("run")
		for range 3 {
			e := s.stopped(StopBreakpoint)
			if got, want := s.where(e.Pid), fmt.Sprintf("echo/2:%d", line); got != want {
				t.Errorf("stopped at %s, want %s", got, want)
			}
			if err := s.d.Continue(e.Pid); err != nil {
				t.Fatal(err)
			}
		}
		if r := s.result(); Show(r) != "ok" {
			t.Errorf("result %s", Show(r))
		}
	}
}
