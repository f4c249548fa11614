package client

import (
	"encoding/json"
	"sync"
	"testing"

	"github.com/otpbox/otpbox/collab"
)

func parse(t *testing.T, s string) collab.Op {
	t.Helper()
	var o collab.Op
	if err := json.Unmarshal([]byte(s), &o); err != nil {
		t.Fatal(err)
	}
	return o
}

// TestStateMachine drives a Doc's ot.js states without a network: a
// local edit in flight, another buffered, a remote op at the same place,
// then the ack, checked against what the server would have committed.
func TestStateMachine(t *testing.T) {
	c := &Conn{docs: map[string]*Doc{}}
	d := &Doc{c: c, name: "d", st: collab.NewClient(4, "xy"), cursors: map[string]int{}}
	d.cond = sync.NewCond(&c.mu)
	// In flight: insert "a" at 1. Buffered: insert "b" at 2 (after "a").
	out, base, send, err := d.st.Edit(parse(t, `[1,"a",1]`))
	if err != nil || !send || base != 4 {
		t.Fatalf("first edit: send %v, base %d, err %v", send, base, err)
	}
	d.sendLocked(out, base)
	if _, _, send, err := d.st.Edit(parse(t, `[2,"b",1]`)); err != nil || send {
		t.Fatalf("second edit: send %v, err %v (want it buffered)", send, err)
	}
	// Someone else's insert at 1, committed first as version 5.
	if err := d.remote(parse(t, `[1,"R",1]`), 5); err != nil {
		t.Fatal(err)
	}
	// The server puts the later-sequenced insert ("a", ours) first on a
	// tie, so R lands after our pending text.
	if got := string(d.text); got != "xabRy" {
		t.Fatalf("text after the remote op = %q, want xabRy", got)
	}
	if o, ok := d.st.Outstanding(); d.st.Version() != 5 || !ok || o.BaseLen() != 3 {
		t.Fatalf("version %d, outstanding %v", d.st.Version(), o)
	}
	if err := d.remote(parse(t, `[3]`), 7); err == nil {
		t.Fatal("an op skipping a version was accepted")
	}
	c.mu.Lock()
	next, err := d.ack(6)
	c.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	o, ok := d.st.Outstanding()
	if next == nil || *next.Base != 6 || !ok || !next.Op.Equal(o) {
		t.Fatalf("ack released %+v, want the buffer based on 6", next)
	}
	// The buffer became the op in flight, based on version 6.
	if d.st.Version() != 6 || o.BaseLen() != 4 {
		t.Fatalf("after ack: version %d, outstanding %v", d.st.Version(), o)
	}
	// Acked is the op as the server committed it: transformed past R.
	if len(d.acked) != 1 || !d.acked[0].Equal(parse(t, `[1,"a",2]`)) {
		t.Fatalf("acked = %v", d.acked)
	}
}
