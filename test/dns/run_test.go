package dns

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// envUnderTest names a netstat binary to test instead of building
// ./cmd/netstat (the variable test/compat and the nstest harness read).
const envUnderTest = "NETSTAT_UNDER_TEST"

// result is one netstat run.
type result struct {
	stdout, stderr string
	exit           int
	took           time.Duration
}

// buildNetstat returns the netstat under test: NETSTAT_UNDER_TEST, or
// ./cmd/netstat built as the project ships it.
func buildNetstat(t *testing.T) string {
	t.Helper()
	if p := os.Getenv(envUnderTest); p != "" {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
	bin := filepath.Join(t.TempDir(), "netstat")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/gonetstat/netstat/cmd/netstat")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// run runs bin with args in ns through `ip netns exec`, which mounts the
// namespace's /etc files and then executes bin itself (same PID, which
// CommandContext kills if the run outlives limit).
func (ns *netns) run(t *testing.T, limit time.Duration, bin string, args ...string) result {
	t.Helper()
	return ns.runEnv(t, limit, nil, bin, args...)
}

// runEnv is run with env added to the C locale and a PATH.
func (ns *netns) runEnv(t *testing.T, limit time.Duration, env []string, bin string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, ns.ip, append([]string{"netns", "exec", ns.name, bin}, args...)...)
	cmd.Env = append([]string{"LC_ALL=C", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"}, env...)
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout.String(), stderr.String(), 0, time.Since(start)}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Fatalf("netstat %s still running after %v: killed", strings.Join(args, " "), limit)
	case errors.As(err, &ee):
		r.exit = ee.ExitCode()
	case err != nil:
		t.Fatalf("netstat %s: %v", strings.Join(args, " "), err)
	}
	return r
}
