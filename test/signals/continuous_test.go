package signals

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
	"golang.org/x/sys/unix"
)

// stopLimit is how long netstat may take to end after the signal.
const stopLimit = 5 * time.Second

// TestContinuousSignal stops `netstat -c` with SIGINT and SIGTERM.
func TestContinuousSignal(t *testing.T) {
	nstest.Require(t)
	nstest.RequireReference(t)
	// Orphans of the netstat runs would be reparented to this process.
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		for _, args := range [][]string{{"-tanc"}, {"-ic"}, {"-tanpc"}} {
			ref := stopped(t, nstest.Reference, args, nil, sig)
			ours := stopped(t, nstest.Ours(), args, nil, sig)
			// Ours again, signalled while it prints pass after pass.
			busy := stopped(t, nstest.Ours(), args, []string{"NETSTAT_TEST_INTERVAL=0"}, sig)
			t.Logf("netstat %v, %v: reference %s, ours %s (sleeping), %s (printing)", args, sig, ref, ours, busy)
			if ref != "signal "+sig.String() && ref != "exit 0" {
				t.Errorf("netstat %v, %v: the reference ended with %s; is %v ignored by the test process?", args, sig, ref, sig)
			}
			if ours != ref || busy != ref {
				t.Errorf("netstat %v, %v: ours ended with %s (sleeping) and %s (printing), reference with %s", args, sig, ours, busy, ref)
			}
		}
	}
}

// stopped starts bin, waits for its first pass, sends sig to its PID and
// returns how it ended. It checks that the process has no children while
// running, writes nothing on stderr, and leaves no orphans behind.
func stopped(t *testing.T, bin string, args, env []string, sig syscall.Signal) string {
	t.Helper()
	p, err := start(bin, args, env)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.firstLine(); err != nil {
		t.Fatalf("%s %v: no output: %v", bin, args, err)
	}
	p.drain()
	time.Sleep(300 * time.Millisecond) // inside the pause between passes, or printing with interval 0
	pid := p.cmd.Process.Pid
	if kids, _ := nstest.Children(pid); len(kids) > 0 {
		t.Errorf("%s %v has child processes %v", bin, args, kids)
	}
	if err := syscall.Kill(pid, sig); err != nil {
		t.Fatal(err)
	}
	st := p.wait(stopLimit)
	if st == "" {
		t.Fatalf("%s %v did not end within %v of %v", bin, args, stopLimit, sig)
	}
	if p.stderr.Len() > 0 {
		t.Errorf("%s %v, %v: stderr %q", bin, args, sig, p.stderr.String())
	}
	if kids, _ := nstest.Children(os.Getpid()); len(kids) > 0 {
		t.Errorf("%s %v, %v: processes left behind: %v", bin, args, sig, kids)
	}
	return st
}
