package compat

import (
	"fmt"
	"os"
	"testing"
)

// TestMain dispatches the helper roles of the re-executed test binary and
// otherwise prepares the suite: prerequisites, the binary under test and the
// helper copy of this test binary.
func TestMain(m *testing.M) {
	switch os.Getenv(envRole) {
	case roleHolder:
		os.Exit(holderMain())
	case roleExec:
		os.Exit(execMain())
	}
	if err := prepare(); err != nil {
		cleanupEnv()
		fmt.Fprintf(os.Stderr, "compat: FAIL: %v\n", err)
		os.Exit(1)
	}
	if env.skip != "" {
		fmt.Fprintln(os.Stderr, "compat:", env.skip)
	} else {
		fmt.Fprintf(os.Stderr, "compat: reference %s, under test %s\n", env.ref, env.ours)
	}
	code := m.Run()
	cleanupEnv()
	os.Exit(code)
}

// requireEnv skips the calling test when the suite was explicitly disabled.
func requireEnv(t *testing.T) {
	t.Helper()
	if env.skip != "" {
		t.Skip(env.skip)
	}
}
