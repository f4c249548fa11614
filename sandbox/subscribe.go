package sandbox

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/internal/etf"
)

// The subscriber's queue (docs/rationale.md, "sandbox: no silent loss in
// the event stream").
const (
	// subBuffer is a subscriber's channel buffer: the events it may fall
	// behind by before any is dropped.
	subBuffer = 4096
	// subGrace is how long the guest may wait, in all, for a subscriber
	// whose buffer is full to take an event, before events are dropped
	// instead; it comes back once the subscriber has caught up to half
	// its buffer. A live subscriber that was only descheduled (a loaded
	// machine) loses nothing; a stuck one costs the guest this once.
	subGrace = 50 * time.Millisecond
	// sealPoll bounds the wait between two looks at a lagging
	// subscriber's buffer: how late, at most, the EventsDropped summary
	// comes once it has room.
	sealPoll = 20 * time.Millisecond
)

// subscriber is one Subscribe: its channel is the queue. Events go in
// under mu, so they keep the order publish saw them in.
type subscriber struct {
	s    *Sandbox
	ch   chan Event
	quit chan struct{} // closed by the subscriber's cancel
	once sync.Once

	mu sync.Mutex
	// closed: no more events go in; ch is closed or the goroutine that
	// delivers the last ones closes it.
	closed bool
	// waited is the grace spent since the buffer was last half empty.
	waited time.Duration
	// lost counts the events dropped since the buffer overflowed, by
	// kind; nil while none is.
	lost map[EventKind]int
}

// Subscribe returns a channel of the sandbox's events, and a function to
// stop receiving them. The Stopped event is the last: the channel closes
// after it.
//
// Events are never lost silently. A subscriber may fall 4,096 events
// behind; beyond that the guest waits for it, but only 50 ms in all
// until it has caught up to half of that, so that a stuck subscriber
// cannot stall the sandbox. Past that wait, events are dropped and
// counted until the subscriber has taken half of its buffer; then an
// EventsDropped event, in their place in the stream, says how many of
// which kinds were lost. Program output still reaches the configured
// writers whole. Stopped is never dropped.
//
// A subscriber must read until the channel closes or call the cancel
// function: Stopped's delivery to a full channel waits for one or the
// other.
func (s *Sandbox) Subscribe() (<-chan Event, func()) {
	sub := &subscriber{s: s, ch: make(chan Event, subBuffer), quit: make(chan struct{})}
	s.mu.Lock()
	select {
	case <-s.done:
		s.mu.Unlock()
		sub.ch <- Event{Kind: Stopped, Err: s.endErr}
		close(sub.ch)
		return sub.ch, func() {}
	default:
	}
	s.subs = append(slices.Clip(s.subs), sub)
	s.mu.Unlock()
	s.syncForward()
	return sub.ch, sub.cancel
}

// cancel is the function Subscribe returns.
func (sub *subscriber) cancel() {
	sub.once.Do(func() {
		close(sub.quit)
		s := sub.s
		s.mu.Lock()
		if i := slices.Index(s.subs, sub); i >= 0 {
			s.subs = slices.Delete(slices.Clone(s.subs), i, i+1)
		}
		s.mu.Unlock()
		sub.mu.Lock()
		if !sub.closed {
			sub.closed = true
			close(sub.ch)
		}
		sub.mu.Unlock()
		s.syncForward()
	})
}

// syncForward tells the guest whether to send the VM's events (one per
// spawn and exit among them, a cost a sandbox nobody watches should not
// pay): on while there is a subscriber. The command goes before any
// request sent after Subscribe returns; it has no reply (id 0).
func (s *Sandbox) syncForward() {
	s.evMu.Lock()
	defer s.evMu.Unlock()
	s.mu.Lock()
	want := len(s.subs) > 0
	s.mu.Unlock()
	if want == s.forwardOn {
		return
	}
	s.forwardOn = want
	msg := etf.Encode(nil, term.MakeTuple(term.MakeInt(0), term.MakeTuple(term.MakeAtom("events"), term.Bool(want))))
	select {
	case s.cmds <- msg:
	case <-s.done:
	}
}

// publish gives ev to every subscriber.
func (s *Sandbox) publish(ev Event) {
	s.mu.Lock()
	subs := s.subs
	s.mu.Unlock()
	for _, sub := range subs {
		sub.put(ev)
	}
}

// put queues ev: at once when the buffer has room, after a wait within
// the grace when it is full, else as a count in the tally of lost events.
func (sub *subscriber) put(ev Event) {
	sub.mu.Lock()
	defer sub.mu.Unlock()
	if sub.closed {
		return
	}
	if sub.lost != nil {
		sub.lost[ev.Kind]++
		return
	}
	if len(sub.ch) <= cap(sub.ch)/2 {
		sub.waited = 0
	}
	select {
	case sub.ch <- ev:
		return
	default:
	}
	if left := subGrace - sub.waited; left > 0 && !sub.s.stopping() {
		start := time.Now()
		t := time.NewTimer(left)
		sent := false
		select {
		case sub.ch <- ev:
			sent = true
		case <-t.C:
		case <-sub.quit:
			sent = true // it left: nothing to deliver or count
		case <-sub.s.stopCh:
		}
		t.Stop()
		sub.waited += time.Since(start)
		if sent {
			return
		}
	}
	sub.lost = map[EventKind]int{ev.Kind: 1}
	go sub.seal()
}

// seal waits until a lagging subscriber has taken half of its buffer,
// then puts the tally of what it lost in the stream and takes events
// again.
func (sub *subscriber) seal() {
	wait := time.Millisecond
	for {
		t := time.NewTimer(wait)
		select {
		case <-sub.quit:
			t.Stop()
			return
		case <-t.C:
		}
		sub.mu.Lock()
		if sub.closed || sub.lost == nil {
			sub.mu.Unlock()
			return // end took the tally over
		}
		if len(sub.ch) <= cap(sub.ch)/2 {
			// Only put sends, under mu: the room is there.
			sub.ch <- droppedEvent(sub.lost)
			sub.lost = nil
			sub.waited = 0
			sub.mu.Unlock()
			return
		}
		sub.mu.Unlock()
		wait = min(2*wait, sealPoll)
	}
}

// end delivers the last event, stopped, after the tally of lost events
// if there is one, and closes the channel: at once when it has room,
// else from a goroutine that waits for the subscriber.
func (sub *subscriber) end(stopped Event) {
	sub.mu.Lock()
	if sub.closed {
		sub.mu.Unlock()
		return
	}
	sub.closed = true
	var last []Event
	if sub.lost != nil {
		last = append(last, droppedEvent(sub.lost))
		sub.lost = nil
	}
	last = append(last, stopped)
	if len(last) <= cap(sub.ch)-len(sub.ch) {
		for _, ev := range last {
			sub.ch <- ev
		}
		close(sub.ch)
		sub.mu.Unlock()
		return
	}
	sub.mu.Unlock()
	go func() {
		defer close(sub.ch)
		for _, ev := range last {
			select {
			case sub.ch <- ev:
			case <-sub.quit:
				return
			}
		}
	}()
}

func droppedEvent(lost map[EventKind]int) Event {
	n := 0
	for _, c := range lost {
		n += c
	}
	return Event{Kind: EventsDropped, Count: n, Dropped: lost}
}

// DroppedSummary describes an EventsDropped event's tally for a person:
// "3 events (2 process started, 1 process exited)".
func DroppedSummary(ev Event) string {
	kinds := make([]EventKind, 0, len(ev.Dropped))
	for k := range ev.Dropped {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return kinds[i] < kinds[j] })
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%d %s", ev.Dropped[k], k)
	}
	return fmt.Sprintf("%d events (%s)", ev.Count, strings.Join(parts, ", "))
}
