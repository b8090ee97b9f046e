package compat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// alteringWrapper runs the reference netstat and changes exactly one byte
// of its stdout ("Recv-Q" becomes "Recv-q" in the column header), keeping
// its stderr and exit status.
const alteringWrapper = `#!/bin/bash
set -o pipefail
` + refNetstat + ` "$@" | sed '2s/Recv-Q/Recv-q/'
`

// testSelfCheck proves that the harness catches a one-byte difference, that
// the difference persists over the retry and that the report shows it.
func testSelfCheck(t *testing.T, w *World) {
	wrapper := filepath.Join(env.dir, "bin", "altered-netstat")
	if err := os.WriteFile(wrapper, []byte(alteringWrapper), 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := w.Check(wrapper, []string{"-an"}, false, Comparison{})
	if err != nil {
		t.Fatal(err)
	}
	if out.Report == "" {
		t.Fatal("a one-byte change in stdout was not detected")
	}
	if out.Attempts != maxAttempts {
		t.Errorf("a persistent mismatch was attempted %d times, want %d", out.Attempts, maxAttempts)
	}
	for _, want := range []string{"-Proto Recv-Q", "+Proto Recv-q", "stdout differs"} {
		if !strings.Contains(out.Report, want) {
			t.Errorf("report lacks %q:\n%s", want, out.Report)
		}
	}
	if strings.Contains(out.Report, "stderr differs") || strings.Contains(out.Report, "exit status") {
		t.Errorf("report flags streams that were not altered:\n%s", out.Report)
	}
	t.Logf("detected as expected:\n%s", out.Report)
}
