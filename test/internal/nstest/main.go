package nstest

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"testing"
)

// Environment variables between the outer test binary and its re-executed
// copies.
const (
	// envInside is set in the copy that runs inside the new namespace; its
	// value is the namespace link (net:[N]) of the outer process.
	envInside = "GNST_NSTEST_OUTER_NETNS"
	// envRole selects a helper role (see holder.go) instead of the tests.
	envRole = "GNST_NSTEST_ROLE"
)

// setupErr is why the harness could not set up for lack of root or of
// network namespaces: Require skips (fails under CI). brokenErr is a failure
// of the set-up inside the namespace (the build, lo): Require fails.
var setupErr, brokenErr string

// Main runs the tests of a package in a network namespace of their own and
// exits. Helper roles of the re-executed binary are dispatched first.
func Main(m *testing.M) {
	if role := os.Getenv(envRole); role != "" {
		os.Exit(runRole(role))
	}
	flag.Parse()
	if f := flag.Lookup("test.list"); f != nil && f.Value.String() != "" {
		os.Exit(m.Run()) // only listing names: no namespace, no build
	}
	if os.Getenv(envInside) == "" {
		if os.Geteuid() != 0 {
			setupErr = fmt.Sprintf("needs root to create a network namespace (euid %d)", os.Geteuid())
			os.Exit(m.Run())
		}
		code, err := reexecInNetns()
		if err != nil {
			setupErr = err.Error()
			os.Exit(m.Run())
		}
		os.Exit(code)
	}
	if err := setupInside(); err != nil {
		brokenErr = err.Error()
	}
	code := m.Run()
	cleanup()
	os.Exit(code)
}

// Require skips t, or fails it under CI, when the machine does not allow a
// network namespace, and fails it when the set-up inside went wrong.
func Require(t testing.TB) {
	t.Helper()
	if brokenErr != "" {
		t.Fatal("nstest: " + brokenErr)
	}
	if setupErr != "" {
		skip(t, setupErr)
	}
}

// reexecInNetns runs this test binary again, with the same arguments, in a
// new network namespace, and returns its exit status. The error is set
// only when the copy could not be started at all.
func reexecInNetns() (int, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, err
	}
	outer, err := os.Readlink("/proc/self/ns/net")
	if err != nil {
		return 0, err
	}
	cmd := exec.Command(self, os.Args[1:]...)
	cmd.Env = append(os.Environ(), envInside+"="+outer)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWNET,
		Pdeathsig:  syscall.SIGKILL,
	}
	// Ctrl-C reaches the whole process group; the inner copy handles it.
	signal.Ignore(syscall.SIGINT)
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("cannot start the test binary in a new network namespace (CLONE_NEWNET): %w", err)
	}
	cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		fmt.Fprintln(os.Stderr, "nstest: test binary killed by", ws.Signal())
		return 128 + int(ws.Signal()), nil
	}
	return cmd.ProcessState.ExitCode(), nil
}
