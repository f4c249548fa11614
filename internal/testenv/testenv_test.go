package testenv

import "testing"

func TestLookPathFindsShell(t *testing.T) {
	if p := LookPath(t, "sh"); p == "" {
		t.Fatal("LookPath returned an empty path for sh")
	}
}
