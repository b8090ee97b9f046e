// Package testenv decides what a test does when the machine lacks what it
// needs (root, a tool, a kernel feature). Outside CI it skips with the
// reason; under CI (CI set in the environment), which runs as root with
// every tool installed, it fails instead, so no test skips unseen there.
package testenv

import (
	"fmt"
	"os"
	"testing"
)

// Skip skips t with the reason given by args, or fails it under CI.
func Skip(t testing.TB, args ...any) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal("cannot run under CI: " + fmt.Sprint(args...))
	}
	t.Skip(args...)
}

// Skipf is Skip with a format.
func Skipf(t testing.TB, format string, args ...any) {
	t.Helper()
	Skip(t, fmt.Sprintf(format, args...))
}
