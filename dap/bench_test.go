package dap

import (
	"fmt"
	"path/filepath"
	"testing"

	godap "github.com/google/go-dap"
)

// BenchmarkStoppedEvent measures a continue request until the stopped
// event of the next breakpoint hit (one loop iteration later) reaches the
// client: the response, the run to the trap and the event, over pipes.
func BenchmarkStoppedEvent(b *testing.B) {
	c := startAdapter(b)
	src := fmt.Sprintf(`-module(hits).
-export([main/0]).
main() -> loop(%d).
loop(0) -> done;
loop(N) ->
    loop(N - 1).
`, b.N+1)
	c.launch(map[string]string{"hits.erl": src}, "hits.erl", nil, func(dir string) {
		c.setBreakpoints(filepath.Join(dir, "hits.erl"), line(6))
	})
	tid := c.event("stopped").(*godap.StoppedEvent).Body.ThreadId
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.ok("continue", map[string]any{"threadId": tid})
		c.event("stopped")
	}
	b.StopTimer()
	c.ok("disconnect", nil)
}

// benchSession runs fib(24) under the adapter from launch to the
// terminated event, with or without breakpoints set on lines of fib that
// never run.
func benchSession(b *testing.B, idleBreakpoints bool) {
	src := `-module(fibp).
-export([main/0]).
main() -> fib(24).
fib(N) when N < 0 ->
    erlang:error(negative);
fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).
`
	for b.Loop() {
		c := startAdapter(b)
		c.launch(map[string]string{"fibp.erl": src}, "fibp.erl", nil, func(dir string) {
			if idleBreakpoints {
				c.setBreakpoints(filepath.Join(dir, "fibp.erl"), line(5))
			}
		})
		c.event("terminated")
		c.ok("disconnect", nil)
	}
}

// BenchmarkSessionFib is the baseline for the next one.
func BenchmarkSessionFib(b *testing.B) { benchSession(b, false) }

// BenchmarkSessionFibIdleBreakpoint: goal under 10% slower than
// BenchmarkSessionFib.
func BenchmarkSessionFibIdleBreakpoint(b *testing.B) { benchSession(b, true) }

// BenchmarkLaunchToFirstStop measures a debug session of a gen_server
// program from initialize to the stopped event of a breakpoint in
// handle_call: the launch loads the program, and the run loads the
// library modules it uses on the way (gen_server, gen, proc_lib, sys,
// lists...), which is most of the time when the VM compiles them.
func BenchmarkLaunchToFirstStop(b *testing.B) {
	src := `-module(counter).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
main() ->
    {ok, Pid} = gen_server:start_link(?MODULE, 0, []),
    gen_server:call(Pid, {add, lists:sum([1, 2, 3])}).
init(N) -> {ok, N}.
handle_call({add, K}, _From, N) ->
    {reply, N + K, N + K}.
handle_cast(_Msg, N) -> {noreply, N}.
`
	for b.Loop() {
		c := startAdapter(b)
		c.launch(map[string]string{"counter.erl": src}, "counter.erl", nil, func(dir string) {
			c.setBreakpoints(filepath.Join(dir, "counter.erl"), line(9))
		})
		c.stopped("breakpoint")
		c.ok("disconnect", nil)
	}
}
