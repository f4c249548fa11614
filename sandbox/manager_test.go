package sandbox

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPruneGuestCaches: each guest and configuration caches in its own
// directory, and the caches of guests unused for a week go.
func TestPruneGuestCaches(t *testing.T) {
	base := t.TempDir()
	a, b := []byte("guest a"), []byte("guest b")
	dirA := guestCacheDir(base, false, a)
	if dirA == guestCacheDir(base, false, b) || dirA == guestCacheDir(base, true, a) {
		t.Fatalf("two guests or two configurations share the cache directory %s", dirA)
	}
	now := time.Now()
	parent := filepath.Dir(dirA)
	ages := map[string]time.Duration{
		filepath.Base(dirA):      30 * 24 * time.Hour, // in use: kept however old
		"0123abcd-6e3c00":        8 * 24 * time.Hour,  // another guest, stale
		"wazero-v1.12.0-amd64-x": 9 * 24 * time.Hour,  // the flat layout of old
		"fedcba98-6e3c00":        24 * time.Hour,      // another guest, recent
	}
	for name, age := range ages {
		d := filepath.Join(parent, name)
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "code"), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(d, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	pruneGuestCaches(dirA, now)
	for name, want := range map[string]bool{filepath.Base(dirA): true, "0123abcd-6e3c00": false,
		"wazero-v1.12.0-amd64-x": false, "fedcba98-6e3c00": true} {
		_, err := os.Stat(filepath.Join(parent, name))
		if got := err == nil; got != want {
			t.Errorf("%s kept = %v, want %v", name, got, want)
		}
	}
	if info, err := os.Stat(dirA); err != nil || now.Sub(info.ModTime()) > time.Minute {
		t.Errorf("the cache in use was not marked as used now: %v", err)
	}
}

// TestGuestCacheInUse: the shared test Manager caches the embedded guest
// in that guest's own directory under the user cache directory.
func TestGuestCacheInUse(t *testing.T) {
	startSandbox(t, NewConfig())
	base, err := os.UserCacheDir()
	if err != nil {
		t.Skipf("no user cache directory: %v", err)
	}
	guest, err := guestModule()
	if err != nil {
		t.Fatal(err)
	}
	dir := guestCacheDir(filepath.Join(base, "otpbox", "wazero"), false, guest)
	var files int
	err = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return err
	})
	if err != nil || files == 0 {
		t.Errorf("no compiled guest cached under %s (%v)", dir, err)
	}
}
