package collab

import (
	"context"
	"errors"
	"testing"
)

// TestClientBreaksTiesLikeTheHub: two members type at the same place at
// once; the client of the op sequenced second ends with the Hub's text.
func TestClientBreaksTiesLikeTheHub(t *testing.T) {
	h := NewHub(NewMemLog())
	defer h.Close()
	ctx := context.Background()
	mustSubmit(t, h, "d", 0, `["ab"]`, "setup", "0")

	x := NewClient(1, "ab")
	xOp, base, send, err := x.Edit(*new(Op).Retain(1).Insert("X").Retain(1))
	if err != nil || !send || base != 1 {
		t.Fatalf("edit: send %v base %d err %v", send, base, err)
	}
	// y's op reaches the Hub first; x's is transformed against it.
	y := mustSubmit(t, h, "d", 1, `[1,"Y",1]`, "y", "1")
	if _, err := h.Submit(ctx, "d", base, xOp, "x", "1"); err != nil {
		t.Fatal(err)
	}
	_, want, _ := h.Open(ctx, "d")

	// x sees y's op before its own ack, as the Hub ordered them.
	if _, err := x.Remote(y.Version, y.Op); err != nil {
		t.Fatal(err)
	}
	if _, _, send, err := x.Ack(3); err != nil || send {
		t.Fatalf("ack: send %v err %v", send, err)
	}
	if x.Text() != want || x.Version() != 3 || x.Pending() {
		t.Fatalf("client has %q at %d (pending %v), hub %q", x.Text(), x.Version(), x.Pending(), want)
	}
}

func TestClientBuffersWhileAnOpIsOutstanding(t *testing.T) {
	c := NewClient(0, "")
	if _, _, send, _ := c.Edit(*new(Op).Insert("a")); !send {
		t.Fatal("first edit not sent")
	}
	for _, s := range []string{"b", "c"} {
		if _, _, send, err := c.Edit(*new(Op).Retain(c.Len()).Insert(s)); send || err != nil {
			t.Fatalf("edit %q: send %v err %v", s, send, err)
		}
	}
	out, base, send, err := c.Ack(1)
	if err != nil || !send || base != 1 || out.String() != `[1,"bc"]` {
		t.Fatalf("after ack: %v base %d send %v err %v", out, base, send, err)
	}
	if c.Text() != "abc" {
		t.Fatalf("text %q", c.Text())
	}
}

func TestClientRejectsOutOfSequence(t *testing.T) {
	c := NewClient(5, "x")
	if _, _, _, err := c.Ack(6); !errors.Is(err, ErrClientState) {
		t.Fatalf("ack with nothing outstanding: %v", err)
	}
	if _, err := c.Remote(7, *new(Op).Retain(1)); !errors.Is(err, ErrClientState) {
		t.Fatalf("remote op skipping a version: %v", err)
	}
	if _, err := c.Remote(6, *new(Op).Retain(2)); !errors.Is(err, ErrLengthMismatch) {
		t.Fatalf("remote op of the wrong length: %v", err)
	}
	if _, _, _, err := c.Edit(*new(Op).Retain(3)); !errors.Is(err, ErrLengthMismatch) {
		t.Fatalf("local edit of the wrong length: %v", err)
	}
}
