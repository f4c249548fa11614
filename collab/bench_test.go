package collab

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkTraceRepresentations replays automerge-paper on Document (a
// list of small gap buffers) and on a plain rune slice that moves the whole
// tail on every edit, the baseline docs/rationale.md weighs it against.
func BenchmarkTraceRepresentations(b *testing.B) {
	tr := loadTrace(b, "automerge-paper.json.gz")
	b.Run("chunks", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := replaySplices(tr); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("runeslice", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			doc := []rune(tr.StartContent)
			for _, txn := range tr.Txns {
				for _, p := range txn.Patches {
					doc = slices.Insert(slices.Delete(doc, p.pos, p.pos+p.del), p.pos, []rune(p.ins)...)
				}
			}
			if len(doc) == 0 {
				b.Fatal("empty result")
			}
		}
	})
}

// BenchmarkRandomEdits is the worst case of a single gap buffer, which
// Document was before it was cut into chunks: single-character edits at
// uniformly random places, each a jump of a third of the document on
// average.
func BenchmarkRandomEdits(b *testing.B) {
	for _, size := range []int{1 << 16, 1 << 20} {
		b.Run(fmt.Sprintf("size=%d", size), func(b *testing.B) {
			d := NewDocument(strings.Repeat("abcdefgh\n", size/9))
			r := rand.New(rand.NewSource(1))
			b.ReportAllocs()
			for b.Loop() {
				pos := r.Intn(d.Len())
				if r.Intn(2) == 0 {
					_ = d.Splice(pos, 0, "x")
				} else {
					_ = d.Splice(pos, min(1, d.Len()-pos), "")
				}
			}
		})
	}
}

// opPairs returns concurrent op pairs on random documents.
func opPairs(n, docLen int) [][2]Op {
	r := rand.New(rand.NewSource(7))
	pairs := make([][2]Op, n)
	for i := range pairs {
		var sb strings.Builder
		for range docLen {
			sb.WriteRune(alphabet[r.Intn(len(alphabet))])
		}
		s := sb.String()
		pairs[i] = [2]Op{randOp(r, s), randOp(r, s)}
	}
	return pairs
}

func BenchmarkTransform(b *testing.B) {
	for _, docLen := range []int{100, 10000} {
		b.Run(fmt.Sprintf("doc=%d", docLen), func(b *testing.B) {
			pairs := opPairs(256, docLen)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				p := pairs[i%len(pairs)]
				if _, _, err := Transform(p[0], p[1]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
	// The common case: two keystrokes in a large document.
	b.Run("keystrokes", func(b *testing.B) {
		var x, y Op
		x.Retain(5000).Insert("a").Retain(95000)
		y.Retain(70000).Delete(1).Retain(29999)
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := Transform(x, y); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCompose(b *testing.B) {
	r := rand.New(rand.NewSource(8))
	s := strings.Repeat("x", 1000)
	a := randOp(r, s)
	after, _ := Apply(s, a)
	c := randOp(r, after)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compose(a, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHubSubmit measures the sequencer with the in-memory log: one
// writer that is always up to date, and writers one version behind (each
// op transformed once) on one document, in parallel.
func BenchmarkHubSubmit(b *testing.B) {
	b.Run("sequential", func(b *testing.B) {
		h := NewHub(NewMemLog())
		defer h.Close()
		ctx := context.Background()
		b.ReportAllocs()
		var v int64
		for b.Loop() {
			var o Op
			o.Retain(int(v)).Insert("x")
			if _, err := h.Submit(ctx, "d", v, o, "u", ""); err != nil {
				b.Fatal(err)
			}
			v++
		}
	})
	b.Run("parallel", func(b *testing.B) {
		h := NewHub(NewMemLog())
		defer h.Close()
		ctx := context.Background()
		if _, err := h.Submit(ctx, "d", 0, *new(Op).Insert("ab"), "u", ""); err != nil {
			b.Fatal(err)
		}
		var n atomic.Int64
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			// Each writer bases its next op on its last ack, so it is
			// transformed against what the others committed meanwhile.
			// Every op inserts one character: version v has length v+1.
			base := int64(1)
			for pb.Next() {
				var o Op
				o.Insert("x").Retain(int(base) + 1)
				s, err := h.Submit(ctx, "d", base, o, "u", fmt.Sprint(n.Add(1)))
				if err != nil {
					b.Fatal(err)
				}
				base = s.Version
			}
		})
	})
}

// fileLog is a Log that writes every op to a file and fsyncs before
// returning, like a real store, so that group commit shows its worth.
type fileLog struct {
	*MemLog
	mu sync.Mutex
	f  *os.File
}

func (l *fileLog) write(ctx context.Context, ops []StoredOp) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.MemLog.AppendBatch(ctx, ops); err != nil {
		return err
	}
	var buf []byte
	for _, op := range ops {
		b, err := json.Marshal(op.Op)
		if err != nil {
			return err
		}
		buf = fmt.Appendf(buf, "%s %d %s\n", op.Doc, op.Version, b)
	}
	if _, err := l.f.Write(buf); err != nil {
		return err
	}
	return l.f.Sync()
}

func (l *fileLog) Append(ctx context.Context, op StoredOp) error {
	return l.write(ctx, []StoredOp{op})
}

func (l *fileLog) AppendBatch(ctx context.Context, ops []StoredOp) error {
	return l.write(ctx, ops)
}

// BenchmarkHubSubmitFsync: 20 writers on one document, each op durable
// (fsync'd) before its ack, with and without group commit. It reports
// acknowledged ops per second and the ack latency percentiles.
func BenchmarkHubSubmitFsync(b *testing.B) {
	for _, mode := range []string{"groupcommit", "single"} {
		b.Run(mode, func(b *testing.B) {
			f, err := os.Create(filepath.Join(b.TempDir(), "ops.log"))
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			var log Log = &fileLog{MemLog: NewMemLog(), f: f}
			if mode == "single" {
				log = plainLog{log}
			}
			h := NewHub(log)
			defer h.Close()
			ctx := context.Background()
			if _, err := h.Submit(ctx, "d", 0, *new(Op).Insert("ab"), "u", ""); err != nil {
				b.Fatal(err)
			}
			var mu sync.Mutex
			var lat []time.Duration
			var n atomic.Int64
			b.SetParallelism(10) // 20 writers on 2 cores
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				base := int64(1)
				var mine []time.Duration
				for pb.Next() {
					var o Op
					o.Insert("x").Retain(int(base) + 1)
					t0 := time.Now()
					s, err := h.Submit(ctx, "d", base, o, "u", fmt.Sprint(n.Add(1)))
					if err != nil {
						b.Error(err)
						return
					}
					mine = append(mine, time.Since(t0))
					base = s.Version
				}
				mu.Lock()
				lat = append(lat, mine...)
				mu.Unlock()
			})
			elapsed := time.Since(start)
			slices.Sort(lat)
			if len(lat) > 0 {
				b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "ops/s")
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
			}
		})
	}
}

// BenchmarkHubOpen measures loading a document of 10,000 ops into a fresh
// Hub, from the log alone and from a snapshot 500 ops back: what
// snapshots save on Open.
func BenchmarkHubOpen(b *testing.B) {
	ctx := context.Background()
	log := NewMemLog()
	d := NewDocument("")
	for v := int64(1); v <= 10000; v++ {
		var o Op
		o.Retain(d.Len()).Insert("line of text\n")
		if err := d.Apply(o); err != nil {
			b.Fatal(err)
		}
		if err := log.Append(ctx, StoredOp{Doc: "d", Version: v, Op: o}); err != nil {
			b.Fatal(err)
		}
		if v == 9500 {
			if err := log.SaveSnapshot(ctx, "snap", v, d.String()); err != nil {
				b.Fatal(err)
			}
		}
	}
	ops, _ := log.Since(ctx, "d", 0)
	for _, o := range ops {
		o.Doc = "snap"
		if err := log.Append(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
	for _, doc := range []string{"d", "snap"} {
		name := map[string]string{"d": "replay-10000", "snap": "snapshot+500"}[doc]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				h := NewHub(log)
				v, _, err := h.Open(ctx, doc)
				if err != nil || v != 10000 {
					b.Fatalf("opened at %d: %v", v, err)
				}
				h.Close()
			}
		})
	}
}
