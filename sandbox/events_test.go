package sandbox

import (
	"fmt"
	"testing"
	"time"
)

const stormSrc = `-module(storm).
-export([run/1]).
run(0) -> ok;
run(N) -> spawn(fun() -> ok end), run(N - 1).
`

// tally is what one subscriber saw: events received by kind, dropped by
// kind (from EventsDropped), and the order of the notable ones.
type tally struct {
	got, lost map[EventKind]int
	// beforeDrop counts the events received before the first
	// EventsDropped; drops counts EventsDropped events.
	beforeDrop, drops int
	last              Event
	after             int // events after Stopped (must be none)
}

// collect reads events until the channel closes; dropped is closed when
// the first EventsDropped arrives.
func collect(events <-chan Event, dropped chan<- struct{}) *tally {
	t := &tally{got: map[EventKind]int{}, lost: map[EventKind]int{}}
	stopped := false
	for ev := range events {
		if stopped {
			t.after++
		}
		t.got[ev.Kind]++
		switch ev.Kind {
		case EventsDropped:
			n := 0
			for k, c := range ev.Dropped {
				t.lost[k] += c
				n += c
			}
			if n != ev.Count {
				panic(fmt.Sprintf("EventsDropped: Count %d, by kind %v", ev.Count, ev.Dropped))
			}
			if t.drops == 0 {
				close(dropped)
			}
			t.drops++
		case Stopped:
			stopped = true
		}
		if t.drops == 0 {
			t.beforeDrop++
		}
		t.last = ev
	}
	return t
}

// TestEventStreamStorm: a spawn storm emits ten times a subscriber's
// buffer. A subscriber that reads at once loses nothing; one that reads
// nothing until the storm is over receives its full buffer, then an
// EventsDropped event (which comes without any further event, once it
// has read half its buffer) whose tally, added to what it received,
// gives exactly the events there were; then Stopped, last. The slow one
// does not hold the other back. Both isolation modes.
func TestEventStreamStorm(t *testing.T) {
	const n = 20000 // processes: 2n+2 lifecycle events with the caller
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			s := startSandbox(t, NewConfig().WithIsolation(iso))
			ctx := within(t, 120*time.Second)
			load(t, s, "storm.erl", stormSrc)
			fastCh, cancelFast := s.Subscribe()
			defer cancelFast()
			slowCh, cancelSlow := s.Subscribe()
			defer cancelSlow()
			fastDone := make(chan *tally, 1)
			go func() { fastDone <- collect(fastCh, make(chan struct{})) }()

			if _, err := s.Call(ctx, "storm", "run", makeInt(n)); err != nil {
				t.Fatal(err)
			}
			// The children may outlive the call: wait until all have
			// exited (their events come before this reply).
			for {
				c, err := s.ProcessCount(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if c == 0 {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			if len(slowCh) != subBuffer {
				t.Fatalf("the slow subscriber's buffer holds %d events, want it full (%d)", len(slowCh), subBuffer)
			}
			dropped := make(chan struct{})
			slowDone := make(chan *tally, 1)
			go func() { slowDone <- collect(slowCh, dropped) }()
			select {
			case <-dropped:
			case <-ctx.Done():
				t.Fatal("no EventsDropped event once the slow subscriber read its buffer")
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			fast, slow := <-fastDone, <-slowDone

			for name, tl := range map[string]*tally{"fast": fast, "slow": slow} {
				for _, k := range []EventKind{ProcessStarted, ProcessExited} {
					if all := tl.got[k] + tl.lost[k]; all != n+1 {
						t.Errorf("%s: %s: %d received + %d dropped, want %d in all", name, k, tl.got[k], tl.lost[k], n+1)
					}
				}
				if tl.last.Kind != Stopped || tl.got[Stopped] != 1 || tl.after != 0 {
					t.Errorf("%s: last event %s, %d Stopped, %d after it", name, tl.last.Kind, tl.got[Stopped], tl.after)
				}
			}
			if fast.drops != 0 {
				t.Errorf("the fast subscriber lost %v", fast.lost)
			}
			if slow.drops != 1 || slow.beforeDrop != subBuffer {
				t.Errorf("slow: %d EventsDropped after %d events, want 1 after %d", slow.drops, slow.beforeDrop, subBuffer)
			}
			for k := range slow.lost {
				if k != ProcessStarted && k != ProcessExited {
					t.Errorf("slow: lost %d %s events, which the storm did not cause", slow.lost[k], k)
				}
			}
			t.Logf("slow subscriber: received %d, lost %s", slow.beforeDrop, DroppedSummary(Event{Count: sum(slow.lost), Dropped: slow.lost}))
		})
	}
}

func sum(m map[EventKind]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// TestEventStreamStoppedWhileFull: a sandbox that ends while a
// subscriber's buffer is full still delivers the tally and Stopped, last,
// once the subscriber reads; and one that leaves (cancel) instead ends
// the delivery.
func TestEventStreamStoppedWhileFull(t *testing.T) {
	s := startSandbox(t, NewConfig().WithIsolation(Native))
	ctx := within(t, 60*time.Second)
	load(t, s, "storm.erl", stormSrc)
	events, cancel := s.Subscribe()
	defer cancel()
	left, cancelLeft := s.Subscribe()
	if _, err := s.Call(ctx, "storm", "run", makeInt(subBuffer)); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	cancelLeft()
	for range left { // closed, whatever it still held
	}
	tl := collect(events, make(chan struct{}))
	if tl.last.Kind != Stopped || tl.drops != 1 || tl.beforeDrop != subBuffer {
		t.Errorf("last %s, %d EventsDropped after %d events; want Stopped last, 1 after %d", tl.last.Kind, tl.drops, tl.beforeDrop, subBuffer)
	}
	if got := tl.got[ProcessStarted] + tl.lost[ProcessStarted]; got != subBuffer+1 {
		t.Errorf("process started: %d received + dropped, want %d", got, subBuffer+1)
	}
}

// TestSubscribeAfterStop: a subscriber that comes after the end gets
// Stopped alone.
func TestSubscribeAfterStop(t *testing.T) {
	s := startSandbox(t, NewConfig().WithIsolation(Native))
	s.Close()
	events, cancel := s.Subscribe()
	defer cancel()
	tl := collect(events, make(chan struct{}))
	if tl.last.Kind != Stopped || tl.got[Stopped] != 1 || len(tl.got) != 1 {
		t.Errorf("got %v", tl.got)
	}
}
