package stdlib_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// Report lines worth comparing, and what to mask in them: the same
// reduction testdata/record_reports.sh applies to real Erlang's stderr. A
// line is cut after a reference, whose printed length (so where ~p breaks
// the line) differs between the systems.
var (
	reportLine = regexp.MustCompile(`^(=|\*\* (Generic|Last|When|Reason|Undefined|Unhandled|State machine|Callback)|    (supervisor|errorContext|reason):|  crasher|    (initial call|exception)|Error in)`)
	pidRe      = regexp.MustCompile(`<[0-9]+\.[0-9]+\.[0-9]+>`)
	refRe      = regexp.MustCompile(`#Ref<[0-9.]+>.*`)
	headerRe   = regexp.MustCompile(`^=(.*REPORT)==== .* ===$`)
)

// TestReports runs conformance programs whose processes crash in the VM,
// with the OTP modules, and compares the reports printed on stderr with
// what real Erlang/OTP 25 printed for them (testdata/reports.golden, by
// testdata/record_reports.sh): headers and first lines, pids, references
// and times masked, as a sorted list.
func TestReports(t *testing.T) {
	golden, err := os.ReadFile("testdata/reports.golden")
	if err != nil {
		t.Fatal(err)
	}
	first, rest, _ := strings.Cut(string(golden), "\n")
	programs := strings.Fields(strings.TrimPrefix(first, "# programs:"))
	if len(programs) == 0 {
		t.Fatal("reports.golden names no programs")
	}
	var stderr bytes.Buffer
	for _, name := range programs {
		src, err := os.ReadFile(filepath.Join("..", "vm", "conformance", "testdata", name+".erl"))
		if err != nil {
			t.Fatal(err)
		}
		m := vm.New(vm.NewConfig().WithStderr(&stderr))
		if err := m.LoadModule(name+".erl", src); err != nil {
			t.Fatalf("loading %s: %v", name, err)
		}
		// Some programs end in an exception on purpose; only the reports
		// matter here.
		_, _ = m.Call(name, "main")
	}
	got := normalizeReports(stderr.String())
	want := strings.Split(strings.TrimSuffix(rest, "\n"), "\n")
	if !slices.Equal(got, want) {
		t.Errorf("report lines differ from OTP 25's:\n%s", lineDiff(want, got))
	}
}

func normalizeReports(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = pidRe.ReplaceAllString(line, "<PID>")
		line = refRe.ReplaceAllString(line, "#Ref...")
		line = headerRe.ReplaceAllString(line, "=$1====")
		if reportLine.MatchString(line) {
			out = append(out, line)
		}
	}
	slices.Sort(out)
	return out
}

// lineDiff lists the lines only one side has (both are sorted).
func lineDiff(want, got []string) string {
	var b strings.Builder
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j >= len(got) || (i < len(want) && want[i] < got[j]):
			b.WriteString("- " + want[i] + "\n")
			i++
		case i >= len(want) || got[j] < want[i]:
			b.WriteString("+ " + got[j] + "\n")
			j++
		default:
			i++
			j++
		}
	}
	return b.String()
}
