package exporter

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// programName is this process's name as netstat -p shows it: argv[0],
// its base name when argv[0] is an absolute path.
func programName(t *testing.T) string {
	t.Helper()
	cmdline, err := os.ReadFile("/proc/self/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	argv0, _, _ := bytes.Cut(cmdline, []byte{0})
	if bytes.HasPrefix(argv0, []byte("/")) {
		return filepath.Base(string(argv0))
	}
	return string(argv0)
}
