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
	d := &Doc{c: c, name: "d", text: []rune("xy"), version: 4, cursors: map[string]int{}}
	d.cond = sync.NewCond(&c.mu)
	// In flight: insert "a" at 1. Buffered: insert "b" at 2 (after "a").
	d.sendLocked(parse(t, `[1,"a",1]`))
	d.text = []rune("xay")
	b := parse(t, `[2,"b",1]`)
	d.buffer = &b
	d.text = []rune("xaby")
	// Someone else's insert at 1, committed first as version 5.
	if err := d.remote(parse(t, `[1,"R",1]`), 5); err != nil {
		t.Fatal(err)
	}
	// The server puts the later-sequenced insert ("a", ours) first on a
	// tie, so R lands after our pending text.
	if got := string(d.text); got != "xabRy" {
		t.Fatalf("text after the remote op = %q, want xabRy", got)
	}
	if d.version != 5 || d.outstanding.BaseLen() != 3 {
		t.Fatalf("version %d, outstanding %v", d.version, d.outstanding)
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
	if next == nil || *next.Base != 6 || !next.Op.Equal(*d.outstanding) {
		t.Fatalf("ack released %+v, want the buffer based on 6", next)
	}
	// The buffer became the op in flight, based on version 6.
	if d.version != 6 || d.buffer != nil || d.outstanding == nil || d.outstanding.BaseLen() != 4 {
		t.Fatalf("after ack: version %d, buffer %v, outstanding %v", d.version, d.buffer, d.outstanding)
	}
	// Acked is the op as the server committed it: transformed past R.
	if len(d.acked) != 1 || !d.acked[0].Equal(parse(t, `[1,"a",2]`)) {
		t.Fatalf("acked = %v", d.acked)
	}
}
