package collab

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/otpbox/otpbox/internal/testenv"
)

// The editing traces live beside the repository (CI puts shared/ next to
// the checkout); this package is one level below the repository root.
var traceDir = filepath.Join("..", "..", "shared", "data", "editing-traces")

// patch is one [pos, ndel, "ins"] edit of a trace.
type patch struct {
	pos, del int
	ins      string
}

func (p *patch) UnmarshalJSON(b []byte) error {
	var raw [3]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("trace patch %s: %w", b, err)
	}
	if err := json.Unmarshal(raw[0], &p.pos); err != nil {
		return fmt.Errorf("trace patch position %s: %w", raw[0], err)
	}
	if err := json.Unmarshal(raw[1], &p.del); err != nil {
		return fmt.Errorf("trace patch delete count %s: %w", raw[1], err)
	}
	if err := json.Unmarshal(raw[2], &p.ins); err != nil {
		return fmt.Errorf("trace patch insert %s: %w", raw[2], err)
	}
	return nil
}

type traceTxn struct {
	Parents []int   `json:"parents"`
	Agent   int     `json:"agent"`
	Patches []patch `json:"patches"`
}

type trace struct {
	Kind         string     `json:"kind"`
	NumAgents    int        `json:"numAgents"`
	StartContent string     `json:"startContent"`
	EndContent   string     `json:"endContent"`
	Txns         []traceTxn `json:"txns"`
}

var (
	traceMu    sync.Mutex
	traceCache = map[string]*trace{}
)

// loadTrace reads a gzipped trace once per test binary; benchmarks reuse it.
func loadTrace(tb testing.TB, name string) *trace {
	tb.Helper()
	traceMu.Lock()
	defer traceMu.Unlock()
	if t, ok := traceCache[name]; ok {
		return t
	}
	path := filepath.Join(traceDir, name)
	f, err := os.Open(path)
	if err != nil {
		testenv.Missing(tb, "editing trace %s: %v", path, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	var t trace
	if err := json.NewDecoder(zr).Decode(&t); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	traceCache[name] = &t
	return &t
}

// replaySplices applies a sequential trace to a Document patch by patch.
func replaySplices(t *trace) (*Document, error) {
	d := NewDocument(t.StartContent)
	for i, txn := range t.Txns {
		for _, p := range txn.Patches {
			if err := d.Splice(p.pos, p.del, p.ins); err != nil {
				return nil, fmt.Errorf("txn %d: %w", i, err)
			}
		}
	}
	return d, nil
}

// patchOp turns a splice on a document of length n into an op.
func patchOp(p patch, n int) Op {
	var o Op
	o.Retain(p.pos).Delete(p.del).Insert(p.ins).Retain(n - p.pos - p.del)
	return o
}

// replayOps applies a sequential trace as ops, the path the Hub takes.
func replayOps(t *trace) (*Document, error) {
	d := NewDocument(t.StartContent)
	for i, txn := range t.Txns {
		for _, p := range txn.Patches {
			if err := d.Apply(patchOp(p, d.Len())); err != nil {
				return nil, fmt.Errorf("txn %d: %w", i, err)
			}
		}
	}
	return d, nil
}

func TestSequentialTraces(t *testing.T) {
	for _, name := range []string{"automerge-paper.json.gz", "seph-blog1.json.gz"} {
		t.Run(name, func(t *testing.T) {
			tr := loadTrace(t, name)
			for _, replay := range []func(*trace) (*Document, error){replaySplices, replayOps} {
				d, err := replay(tr)
				if err != nil {
					t.Fatal(err)
				}
				if got := d.String(); got != tr.EndContent {
					t.Fatalf("replay ends with %d bytes, want endContent's %d", len(got), len(tr.EndContent))
				}
			}
		})
	}
	if n := countPatches(loadTrace(t, "automerge-paper.json.gz")); n != 259778 {
		t.Fatalf("automerge-paper has %d edits, want 259778", n)
	}
}

func countPatches(t *trace) int {
	n := 0
	for _, txn := range t.Txns {
		n += len(txn.Patches)
	}
	return n
}

// replayConcurrent merges a two-agent concurrent trace into one linear
// history with Transform, the way a server and two clients would.
//
// With two agents whose own transactions each form a chain, the state an
// agent typed on is a point (a, b) of a grid: a of agent 0's transactions
// and b of agent 1's seen. Agent x's k-th transaction is an edge from
// (k, b) and must be carried along the other axis up to the number of the
// other agent's transactions merged so far. The replay keeps, for each
// agent, its transactions as they read at the other agent's latest count
// (only from the oldest count still referenced), and transforms each new
// transaction through the other agent's list, updating that list on the
// way: the Jupiter protocol's bookkeeping. Agent 0's op is always
// Transform's first operand, so concurrent inserts at one place put agent
// 0's text first.
func replayConcurrent(tr *trace) (string, error) {
	if tr.NumAgents != 2 {
		return "", fmt.Errorf("replay handles 2 agents, trace has %d", tr.NumAgents)
	}
	n := len(tr.Txns)
	seq := make([]int, n)    // index of the txn in its agent's chain
	ctx := make([][2]int, n) // (agent 0, agent 1) txns seen when typed
	var done [2]int
	for i, txn := range tr.Txns {
		x := txn.Agent
		if x < 0 || x > 1 {
			return "", fmt.Errorf("txn %d: agent %d", i, x)
		}
		seq[i] = done[x]
		done[x]++
		for _, p := range txn.Parents {
			if p < 0 || p >= i {
				return "", fmt.Errorf("txn %d: parent %d is not an earlier txn", i, p)
			}
			after := ctx[p]
			after[tr.Txns[p].Agent] = seq[p] + 1
			ctx[i][0] = max(ctx[i][0], after[0])
			ctx[i][1] = max(ctx[i][1], after[1])
		}
		if ctx[i][x] != seq[i] {
			return "", fmt.Errorf("txn %d: agent %d had seen %d of its own txns, not all %d before it", i, x, ctx[i][x], seq[i])
		}
	}

	doc := NewDocument(tr.StartContent)
	var lists [2][]Op // lists[x][j-low[x]]: agent x's j-th op at the other's count done[1-x]
	var low [2]int
	done = [2]int{}
	for i, txn := range tr.Txns {
		x, y := txn.Agent, 1-txn.Agent
		c := ctx[i][y]
		if c > done[y] {
			return "", fmt.Errorf("txn %d: saw %d txns of agent %d, only %d exist yet", i, c, y, done[y])
		}
		if c < low[y] {
			return "", fmt.Errorf("txn %d: typed on agent %d's state %d, older than one it already saw", i, y, c)
		}
		others := lists[y][c-low[y]:]
		length := doc.Len()
		if len(others) > 0 {
			length = others[0].BaseLen()
		}
		var op Op
		op.Retain(length)
		for _, p := range txn.Patches {
			if p.pos < 0 || p.del < 0 || p.pos+p.del > op.TargetLen() {
				return "", fmt.Errorf("txn %d: patch %v out of range of length %d", i, p, op.TargetLen())
			}
			var err error
			if op, err = Compose(op, patchOp(p, op.TargetLen())); err != nil {
				return "", fmt.Errorf("txn %d: %w", i, err)
			}
		}
		for j, other := range others {
			var err error
			if x == 0 {
				op, others[j], err = Transform(op, other)
			} else {
				others[j], op, err = Transform(other, op)
			}
			if err != nil {
				return "", fmt.Errorf("txn %d against agent %d's txn %d: %w", i, y, c+j, err)
			}
		}
		lists[y], low[y] = others, c
		if err := doc.Apply(op); err != nil {
			return "", fmt.Errorf("txn %d: %w", i, err)
		}
		lists[x] = append(lists[x], op)
		done[x]++
	}
	return doc.String(), nil
}

func TestConcurrentTrace(t *testing.T) {
	tr := loadTrace(t, "friendsforever-concurrent.json.gz")
	if len(tr.Txns) != 26078 {
		t.Fatalf("%d txns, want 26078", len(tr.Txns))
	}
	got, err := replayConcurrent(tr)
	if err != nil {
		t.Fatal(err)
	}
	if got != tr.EndContent {
		i := 0
		for i < len(got) && i < len(tr.EndContent) && got[i] == tr.EndContent[i] {
			i++
		}
		t.Fatalf("replay differs from endContent at byte %d: got %q, want %q", i, excerpt(got, i), excerpt(tr.EndContent, i))
	}
}

func excerpt(s string, i int) string {
	return s[max(0, i-30):min(len(s), i+30)]
}

func BenchmarkTraceAutomergePaper(b *testing.B) {
	tr := loadTrace(b, "automerge-paper.json.gz")
	b.Run("splice", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := replaySplices(tr); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ops", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := replayOps(tr); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkTraceConcurrent(b *testing.B) {
	tr := loadTrace(b, "friendsforever-concurrent.json.gz")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := replayConcurrent(tr); err != nil {
			b.Fatal(err)
		}
	}
}
