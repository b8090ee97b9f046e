package check

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/jsonout/schematest"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// scenario is a running process, in a network namespace of its own, that
// keeps one condition up until it is stopped.
type scenario struct {
	cmd   *exec.Cmd
	stdin io.Closer
}

// startScenario starts the scenario name in a fresh network namespace with
// argv0 as its program name, waits until it says the condition is built,
// and stops it (kill by PID) when the test ends.
func startScenario(t *testing.T, name, argv0 string) *scenario {
	t.Helper()
	nstest.Require(t)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := &exec.Cmd{Path: self, Args: []string{argv0}}
	cmd.Env = append(os.Environ(), envScenario+"="+name)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET, Pdeathsig: syscall.SIGKILL}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting scenario %s: %v", name, err)
	}
	sc := &scenario{cmd: cmd, stdin: stdin}
	t.Cleanup(sc.stop)
	ready := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		ready <- line
		io.Copy(io.Discard, stdout)
	}()
	select {
	case line := <-ready:
		if strings.TrimSpace(line) != "ready" {
			t.Fatalf("scenario %s did not get ready: %q", name, line)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("scenario %s: not ready after 30s", name)
	}
	return sc
}

// stop ends the scenario by its PID and reaps it.
func (sc *scenario) stop() {
	sc.stdin.Close()
	syscall.Kill(sc.cmd.Process.Pid, syscall.SIGKILL)
	sc.cmd.Wait()
}

// finding is one element of the --check --json findings.
type finding struct {
	Check    string   `json:"check"`
	Severity string   `json:"severity"`
	Title    string   `json:"title"`
	Evidence []string `json:"evidence"`
	Advice   string   `json:"advice"`
}

// report is the --check --json document.
type report struct {
	Version  int       `json:"version"`
	Status   string    `json:"status"`
	Findings []finding `json:"findings"`
}

// run runs the netstat under test with args in the scenario's namespace
// and returns its stdout and exit status.
func (sc *scenario) run(t *testing.T, args ...string) (string, int) {
	t.Helper()
	nsArgs := append([]string{fmt.Sprintf("--net=/proc/%d/ns/net", sc.cmd.Process.Pid), nstest.Ours()}, args...)
	cmd := exec.Command("nsenter", nsArgs...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("nsenter %v: %v", nsArgs, err)
	}
	if stderr.Len() > 0 {
		t.Logf("stderr of %v:\n%s", args, stderr.String())
	}
	return stdout.String(), code
}

// check runs --check --json with extra options and returns the report,
// checking that the exit status follows the worst severity.
func (sc *scenario) check(t *testing.T, extra ...string) report {
	t.Helper()
	out, code := sc.run(t, append([]string{"--check", "--json", "--check-interval=1s"}, extra...)...)
	var r report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("--check --json: %v\n%s", err, out)
	}
	schematest.Require(t, "../../docs/json.md", []byte(out), "check_document")
	want := map[string]int{"ok": 0, "warning": 1, "critical": 2}[r.Status]
	if code != want || r.Version != 1 {
		t.Errorf("exit status %d with status %q (want %d), version %d", code, r.Status, want, r.Version)
	}
	return r
}

// expect returns the finding of check id, failing unless its severity is
// one of sevs.
func expect(t *testing.T, r report, id string, sevs ...string) finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.Check != id {
			continue
		}
		for _, s := range sevs {
			if f.Severity == s {
				t.Logf("%s %s: %s\n\t%s", f.Severity, f.Check, f.Title, strings.Join(f.Evidence, "\n\t"))
				return f
			}
		}
		t.Fatalf("%s is %s, want %v: %s\n\t%s", id, f.Severity, sevs, f.Title, strings.Join(f.Evidence, "\n\t"))
	}
	t.Fatalf("no finding %s", id)
	return finding{}
}

// evidenceHas says whether some evidence line of f contains s.
func evidenceHas(f finding, s string) bool {
	for _, l := range f.Evidence {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}
