//go:build ignore

// gen_errors rewrites the %### annotations of a chunked test file with the
// scanner and parser errors real erlc reports for each chunk, so that the
// expectations in errors.erl come from Erlang/OTP, not from us.
//
//	cd sandbox/erl/syntax && go run testdata/gen_errors.go testdata/errors.erl
//
// Only the errors that erl_scan and erl_parse produce are kept; erl_lint's
// errors and warnings (a chunk has no -module, say) are dropped.
package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

var (
	annot = regexp.MustCompile(`\s*%###.*$`)
	diag  = regexp.MustCompile(`^[^:]+\.erl:(\d+):(\d+): (.*)$`)
	keep  = regexp.MustCompile(`^(syntax error before|unterminated|illegal (character|atom|var|integer|float)|illegal base|bad |head mismatch|unsupported constraint|Bad binary type)`)
)

func main() {
	if len(os.Args) != 2 {
		log.Fatal("usage: go run gen_errors.go FILE")
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "gen_errors")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	chunks := strings.Split(string(data), "\n---\n")
	for i, chunk := range chunks {
		lines := strings.Split(chunk, "\n")
		for j := range lines {
			lines[j] = annot.ReplaceAllString(lines[j], "")
		}
		src := filepath.Join(dir, "chunk.erl")
		if err := os.WriteFile(src, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			log.Fatal(err)
		}
		cmd := exec.Command("erlc", "-o", dir, src)
		out, _ := cmd.CombinedOutput() // erlc fails on the chunks with errors
		byLine := map[int][]string{}
		for _, l := range strings.Split(string(out), "\n") {
			m := diag.FindStringSubmatch(l)
			if m == nil || !keep.MatchString(m[3]) {
				continue
			}
			line, _ := strconv.Atoi(m[1])
			byLine[line] = append(byLine[line], fmt.Sprintf("%s: %s", m[2], m[3]))
		}
		for line, msgs := range byLine {
			for _, msg := range msgs {
				lines[line-1] += " %### " + msg
			}
		}
		chunks[i] = strings.Join(lines, "\n")
	}
	if err := os.WriteFile(os.Args[1], []byte(strings.Join(chunks, "\n---\n")), 0o644); err != nil {
		log.Fatal(err)
	}
}
