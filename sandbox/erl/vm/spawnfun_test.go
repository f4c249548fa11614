package vm

import "testing"

// TestSpawnFunDirect: a process spawned with a local fun of no arguments
// starts in the fun itself, not in the spawn trampoline: its environment
// and a named fun's own name arrive as a call would pass them, and
// initial_call is still erlang:apply/2 (OTP 25 gives {42,true,{erlang,apply,2}}
// for this program).
func TestSpawnFunDirect(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
run() ->
    Self = self(),
    X = 42,
    spawn(fun() -> Self ! {env, X} end),
    spawn(fun Named() -> Self ! {named, is_function(Named, 0)} end),
    R1 = receive {env, V} -> V end,
    R2 = receive {named, B} -> B end,
    P = spawn(fun() -> receive stop -> ok end end),
    {initial_call, IC} = process_info(P, initial_call),
    P ! stop,
    {R1, R2, IC}.
`)
	wantRun(t, m, `{42,true,{erlang,apply,2}}`)
}
