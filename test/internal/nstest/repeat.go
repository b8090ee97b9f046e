package nstest

import (
	"bufio"
	"os"
	"os/exec"
	"testing"
)

// Repeating starts the binary under test with args (which should hold
// -c), pausing 10 ms between passes, and returns a scanner over its
// stdout, lines up to 1 MiB. The process is killed by its PID and reaped
// when the test ends.
func Repeating(t testing.TB, args ...string) *bufio.Scanner {
	t.Helper()
	cmd := exec.Command(Ours(), args...)
	cmd.Env = append(os.Environ(), "NETSTAT_TEST_INTERVAL=10ms")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill() // this test's own child
		cmd.Wait()
	})
	sc := bufio.NewScanner(stdout)
	sc.Buffer(nil, 1<<20)
	return sc
}
