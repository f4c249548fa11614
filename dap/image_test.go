package dap

import (
	"path/filepath"
	"sync"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/guest/image"
)

// A launch hands the VM the stdlib image make built, so that the library
// modules a program uses are decoded, not compiled: gen_server and the
// modules behind it come from the image, and the program still stops at
// its breakpoint and runs to the end.
func TestLaunchDecodesStdlibFromImage(t *testing.T) {
	if image.Stdlib() == nil {
		testenv.Missing(t, "no stdlib image in this build: make guest writes it")
	}
	var mu sync.Mutex
	var v *vm.VM
	cfg := NewConfig().WithRuntime(func(cfg *vm.Config) Runtime {
		mu.Lock()
		defer mu.Unlock()
		v = vm.New(cfg)
		return NativeRuntime(v)
	})
	c := startAdapterWith(t, cfg)
	src := `-module(counter).
-behaviour(gen_server).
-export([main/0, init/1, handle_call/3, handle_cast/2]).
main() ->
    {ok, Pid} = gen_server:start_link(?MODULE, 0, []),
    io:format("~p~n", [gen_server:call(Pid, {add, lists:sum([1, 2, 3])})]).
init(N) -> {ok, N}.
handle_call({add, K}, _From, N) ->
    {reply, N + K, N + K}.
handle_cast(_Msg, N) -> {noreply, N}.
`
	c.launch(map[string]string{"counter.erl": src}, "counter.erl", nil, func(dir string) {
		c.setBreakpoints(filepath.Join(dir, "counter.erl"), line(9))
	})
	tid := c.stopped("breakpoint").Body.ThreadId
	if got := c.top(tid); got != "counter:handle_call/3:9" {
		t.Errorf("stopped at %s", got)
	}
	c.ok("continue", map[string]any{"threadId": tid})
	c.exited(0)
	if c.out("stdout") != "6\n" {
		t.Errorf("output %q", c.out("stdout"))
	}
	mu.Lock()
	defer mu.Unlock()
	n, err := v.ImageLoads()
	if n < 4 || err != nil {
		t.Errorf("%d modules decoded from the image (gen_server, gen, proc_lib, lists at least), image problem %v", n, err)
	}
}
