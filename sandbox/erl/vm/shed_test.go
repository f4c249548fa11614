package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// shedSrc's processes each do one big piece of work, keep a small part of
// it, and wait: by body recursion (a deep stack), by a tail-recursive
// loop in a callee (a dead list in the registers above the waiting
// frame), through an exception out of a deep recursion, and as a server
// loop after one big request.
const shedSrc = `-module(shed).
-export([start/2, server/0]).
start(body, N) -> spawn(fun() -> keep(hd(lists:reverse(body(N)))) end);
start(tail, N) -> spawn(fun() -> keep(last(tail(N, []))) end);
start(raise, N) -> spawn(fun() -> keep(catch deep(tail(N, []))) end);
start(server, N) ->
    P = spawn(fun server/0),
    P ! {work, self(), N},
    receive {done, _} -> P end.
keep(X) -> receive stop -> X end.
body(0) -> [];
body(N) -> [{N} | body(N - 1)].
tail(0, Acc) -> Acc;
tail(N, Acc) -> tail(N - 1, [{N} | Acc]).
last([X]) -> X;
last([_ | T]) -> last(T).
deep([]) -> throw(bottom);
deep([H | T]) -> [H | deep(T)].
server() ->
    receive
        {work, From, N} -> From ! {done, length(tail(N, []))}, server();
        stop -> ok
    end.
`

// TestWaitingProcessHoldsNoDeadData checks that a waiting process's stack
// keeps none of the 200,000-element lists its finished work built (each
// about 11 MB: a cell and a one-tuple per element): what is left is the
// process and its few live terms.
func TestWaitingProcessHoldsNoDeadData(t *testing.T) {
	const n = 200000
	for _, kind := range []string{"body", "tail", "raise", "server"} {
		t.Run(kind, func(t *testing.T) {
			if got := liveHeapAfter(t, "shed.erl", shedSrc, "start", term.MakeAtom(kind), term.MakeInt(n)); got > 256<<10 {
				t.Errorf("%d bytes live after the work, want well under the list's %d", got, n*56)
			}
		})
	}
}
