package sandbox

import (
	"context"
	"testing"
	"time"
)

// nearLimitSrc keeps a list of N integers alive while it builds and drops
// copies of it: its live data stays under half of the memory limit, but
// the garbage it makes is many times that.
const nearLimitSrc = `-module(near_limit).
-export([main/2]).
main(N, Rounds) ->
    L = lists:seq(1, N),
    rounds(L, Rounds, 0).
rounds(_, 0, Acc) -> Acc;
rounds(L, K, Acc) ->
    C = lists:foldl(fun(X, A) -> [X + 1 | A] end, [], L),
    rounds(L, K - 1, Acc + hd(C)).
`

// TestGuestCollectsNearLimit is a program whose live data fits in the
// memory limit but whose heap, grown by the guest's large GOGC alone,
// would not: the soft limit (GOMEMLIMIT) makes the guest's collector run
// in time, so the program finishes instead of being stopped. (Measured:
// with GOMEMLIMIT=off the same call hits the 24 MiB limit every time.)
func TestGuestCollectsNearLimit(t *testing.T) {
	s := startSandbox(t, NewConfig().WithIsolation(Wasm).WithMemory(24<<20).WithTimeout(60*time.Second))
	load(t, s, "near_limit.erl", nearLimitSrc)
	const n = 130000
	res, err := s.Call(context.Background(), "near_limit", "main", makeInt(n), makeInt(4))
	if err != nil {
		t.Fatalf("main(%d, 4) = %v; a program whose data fits must finish", n, err)
	}
	if got, ok := res.Int(); !ok || got != 4*(n+1) {
		t.Errorf("main(%d, 4) = %v, want %d", n, res, 4*(n+1))
	}
}

// TestGuestRuntimeEnv checks the guest's environment: GOGC, and a soft
// limit below the hard one for every size the CLI accepts.
func TestGuestRuntimeEnv(t *testing.T) {
	for _, mem := range []int64{1 << 20, 32 << 20, 256 << 20, 1 << 30, 16 << 30} {
		env := guestRuntimeEnv(mem)
		if len(env) != 2 || env[0][0] != "GOGC" || env[1][0] != "GOMEMLIMIT" {
			t.Fatalf("guestRuntimeEnv(%d) = %q, want GOGC and GOMEMLIMIT only", mem, env)
		}
		var soft int64
		for _, c := range env[1][1] {
			if c < '0' || c > '9' {
				t.Fatalf("GOMEMLIMIT %q is not plain bytes", env[1][1])
			}
			soft = soft*10 + int64(c-'0')
		}
		if soft <= mem/2 || soft >= mem {
			t.Errorf("memory %d: soft limit %d, want between half the limit and the limit", mem, soft)
		}
	}
}
