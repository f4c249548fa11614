package sandbox

import (
	"context"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// imageStatus asks a sandbox started with test hooks for its stdlib
// image: its size, the modules decoded from it, and any problem.
func imageStatus(t *testing.T, s *Sandbox) (size, loaded int64, problem string) {
	t.Helper()
	r, err := s.request(context.Background(), term.MakeTuple(term.MakeAtom("$image")), 0)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind() != term.KindTuple || r.TupleLen() != 3 || r.Elem(2).Kind() != term.KindBits {
		t.Fatalf("'$image' = %s", vm.Show(r))
	}
	size, _ = r.Elem(0).Int()
	loaded, _ = r.Elem(1).Int()
	return size, loaded, string(r.Elem(2).Bits().Data)
}

// The wasm guest (built by make, which writes the image first) loads the
// library from its embedded image, and native sandboxes from the host's
// copy: lists and gen_server come from it, and nothing was wrong with it.
func TestSandboxLoadsStdlibImage(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			cfg := NewConfig().WithIsolation(iso)
			cfg.testHooks = true
			s := startSandbox(t, cfg)
			size, loaded, problem := imageStatus(t, s)
			if size == 0 {
				testenv.Missing(t, "no stdlib image in this build: make guest writes it")
			}
			if loaded != 0 || problem != "" {
				t.Errorf("before any call: %d modules from the image, problem %q", loaded, problem)
			}
			load(t, s, "imgsrv.erl", imgSrvSrc)
			v, err := s.Call(context.Background(), "imgsrv", "main")
			if err != nil {
				t.Fatal(err)
			}
			if got := vm.Show(v); got != `{[2,4,6],"n=3",7}` {
				t.Errorf("imgsrv:main() = %s", got)
			}
			_, loaded, problem = imageStatus(t, s)
			// lists, gen_server, gen, proc_lib at least.
			if loaded < 4 || problem != "" {
				t.Errorf("after the call: %d modules from the image, problem %q", loaded, problem)
			}
		})
	}
}

const imgSrvSrc = `-module(imgsrv).
-behaviour(gen_server).
-export([main/0, noop/0, init/1, handle_call/3, handle_cast/2]).
noop() -> ok.
main() ->
    L = lists:map(fun(X) -> 2 * X end, [1, 2, 3]),
    S = lists:flatten(io_lib:format("n=~b", [length(L)])),
    {ok, P} = gen_server:start_link(?MODULE, 3, []),
    N = gen_server:call(P, {add, 4}),
    {L, S, N}.
init(N) -> {ok, N}.
handle_call({add, X}, _From, N) -> {reply, N + X, N + X}.
handle_cast(_, N) -> {noreply, N}.
`

// BenchmarkFirstCall is a fresh sandbox's first calls into the library,
// each in a new sandbox closed after it: lists:seq/2 alone; then a
// module loaded from source whose main uses lists:map, io_lib:format and
// a gen_server (loading lists, io_lib's helpers, gen_server, gen and
// proc_lib), against the same module's noop (its load, no library).
func BenchmarkFirstCall(b *testing.B) {
	for _, iso := range []Isolation{Wasm, Native} {
		b.Run(iso.String(), func(b *testing.B) {
			b.Run("lists", func(b *testing.B) {
				benchFreshCall(b, iso, "lists", "seq", makeInt(1), makeInt(10))
			})
			for _, fun := range []string{"noop", "main"} {
				b.Run("program-"+fun, func(b *testing.B) {
					benchSandbox(b, iso, false) // the guest compiled outside the loop
					for b.Loop() {
						s, err := testManager.New(context.Background(), NewConfig().WithIsolation(iso))
						if err != nil {
							b.Fatal(err)
						}
						load(b, s, "imgsrv.erl", imgSrvSrc)
						if _, err := s.Call(context.Background(), "imgsrv", fun); err != nil {
							b.Fatal(err)
						}
						s.Close()
					}
				})
			}
		})
	}
}
