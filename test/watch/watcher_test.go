package watch

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// patience bounds every wait: the machines running the tests are shared
// and sometimes slow, and a refresh may come late.
const patience = 20 * time.Second

// watcher is a netstat --watch with its stdout on a pipe, read line by
// line in the background.
type watcher struct {
	cmd    *exec.Cmd
	pipe   *os.File
	lines  chan string
	stderr bytes.Buffer
	done   chan struct{}
}

// startWatch starts our netstat with args; the test ends it (by PID) if
// it is still running at the end.
func startWatch(t *testing.T, args ...string) *watcher {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &watcher{pipe: r, lines: make(chan string, 1024), done: make(chan struct{})}
	p.cmd = exec.Command(nstest.Ours(), args...)
	p.cmd.Stdout, p.cmd.Stderr = w, &p.stderr
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	err = p.cmd.Start()
	w.Close()
	if err != nil {
		r.Close()
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		syscall.Kill(p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
		r.Close()
	})
	return p
}

// next returns the next line, or fails the test after limit.
func (p *watcher) next(t *testing.T, limit time.Duration) (string, bool) {
	t.Helper()
	select {
	case line, ok := <-p.lines:
		return line, ok
	case <-time.After(limit):
		return "", false
	}
}

// expect reads lines until one satisfies match and returns it, with the
// lines read before it; the test fails after patience.
func (p *watcher) expect(t *testing.T, what string, match func(string) bool) (string, []string) {
	t.Helper()
	var before []string
	deadline := time.Now().Add(patience)
	for {
		line, ok := p.next(t, time.Until(deadline))
		if !ok {
			t.Fatalf("no line with %s within %v (stdout ended or timed out); read %q; stderr %q",
				what, patience, before, p.stderr.String())
		}
		if match(line) {
			return line, before
		}
		before = append(before, line)
	}
}

// quiet reads lines for d and returns them.
func (p *watcher) quiet(t *testing.T, d time.Duration) []string {
	t.Helper()
	var got []string
	deadline := time.Now().Add(d)
	for {
		line, ok := p.next(t, time.Until(deadline))
		if !ok {
			return got
		}
		got = append(got, line)
	}
}

// stop sends sig and returns how the process ended ("exit N" or
// "signal S"); the test fails if it does not end within patience.
func (p *watcher) stop(t *testing.T, sig syscall.Signal) string {
	t.Helper()
	if sig != 0 {
		syscall.Kill(p.cmd.Process.Pid, sig)
	}
	select {
	case <-p.done:
	case <-time.After(patience):
		t.Fatalf("netstat did not end within %v", patience)
	}
	ws := p.cmd.ProcessState.Sys().(syscall.WaitStatus)
	if ws.Signaled() {
		return "signal " + ws.Signal().String()
	}
	return "exit " + strings.TrimPrefix(p.cmd.ProcessState.String(), "exit status ")
}
