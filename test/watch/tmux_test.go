package watch

import (
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/testenv"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// Size of the tmux window.
const (
	paneWidth  = 110
	paneHeight = 30
	prompt     = "gnst$ "
)

// pane is a tmux server of the test's own with one window running a
// shell, in the test's network namespace.
type pane struct {
	t    *testing.T
	sock string
}

// newPane starts the tmux server; the test kills it at the end.
func newPane(t *testing.T) *pane {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		testenv.Skip(t, "tmux is not installed (Debian package tmux)")
	}
	p := &pane{t: t, sock: filepath.Join(t.TempDir(), "tmux.sock")}
	p.run("-f", "/dev/null", "new-session", "-d", "-x", strconv.Itoa(paneWidth), "-y", strconv.Itoa(paneHeight),
		"PS1='"+prompt+"' exec /bin/sh")
	t.Cleanup(func() { exec.Command("tmux", "-S", p.sock, "kill-server").Run() })
	p.waitFor("the shell prompt", func(lines []string, _ string) bool { return strings.HasPrefix(lines[0], strings.TrimSpace(prompt)) })
	return p
}

// run runs a tmux command on the test's server and returns its output.
func (p *pane) run(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", p.sock}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// capture returns the visible lines of the pane, and the same with the
// colour sequences (capture-pane -e).
func (p *pane) capture() ([]string, string) {
	p.t.Helper()
	plain := strings.Split(strings.TrimSuffix(p.run("capture-pane", "-p"), "\n"), "\n")
	return plain, p.run("capture-pane", "-p", "-e")
}

// format asks tmux for a format value of the pane (#{alternate_on}, ...).
func (p *pane) format(f string) string {
	p.t.Helper()
	return strings.TrimSpace(p.run("display-message", "-p", f))
}

// waitFor polls the pane until ok holds, and fails after patience.
func (p *pane) waitFor(what string, ok func(lines []string, coloured string) bool) ([]string, string) {
	p.t.Helper()
	deadline := time.Now().Add(patience)
	for {
		lines, coloured := p.capture()
		if ok(lines, coloured) {
			return lines, coloured
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the pane never showed %s:\n%s", what, strings.Join(lines, "\n"))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// row finds the view's row for the TCP socket with local address addr
// and returns its mark ("+", "-", "~" or "").
func row(lines []string, addr string) (mark string, found bool) {
	for _, l := range lines {
		f := strings.Fields(l)
		switch {
		case len(f) >= 5 && f[1] == "tcp" && f[4] == addr:
			return f[0], true
		case len(f) >= 4 && f[0] == "tcp" && f[3] == addr:
			return "", true
		}
	}
	return "", false
}

// colouredRow returns the coloured capture's line for addr.
func colouredRow(coloured, addr string) string {
	for _, l := range strings.Split(coloured, "\n") {
		if strings.Contains(l, " "+addr+" ") {
			return l
		}
	}
	return ""
}

// TestTerminal runs the watch in a tmux window: new and closed listeners
// are marked and coloured, the header stays on top and the status line
// at the bottom, and Ctrl-C gives the shell back with the screen and the
// cursor restored.
func TestTerminal(t *testing.T) {
	nstest.Require(t)
	p := newPane(t)
	p.run("send-keys", "-l", nstest.Ours()+" --watch=0.3 -tan")
	p.run("send-keys", "Enter")
	p.waitFor("the watch view", func(lines []string, _ string) bool {
		return strings.HasPrefix(lines[0], "  Active Internet connections (servers and established)")
	})
	if a, c := p.format("#{alternate_on}"), p.format("#{cursor_flag}"); a != "1" || c != "0" {
		t.Errorf("during the watch: alternate screen %s, cursor shown %s; want 1 and 0", a, c)
	}

	// Canary listeners until one is marked new: the first reading is
	// then behind us.
	deadline := time.Now().Add(patience)
	for {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		seen := false
		for try := time.Now().Add(2 * time.Second); time.Now().Before(try) && !seen; time.Sleep(100 * time.Millisecond) {
			lines, _ := p.capture()
			mark, ok := row(lines, ln.Addr().String())
			seen = ok && mark == "+"
		}
		ln.Close()
		if seen {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the view never marked a new listener")
		}
	}

	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	lines, coloured := p.waitFor("the new listener marked +", func(lines []string, _ string) bool {
		mark, ok := row(lines, addr)
		return ok && mark == "+"
	})
	if l := colouredRow(coloured, addr); !strings.Contains(l, "\x1b[32m") {
		t.Errorf("new row not green: %q", l)
	}
	if !strings.HasPrefix(lines[1], "  Proto Recv-Q Send-Q Local Address") {
		t.Errorf("second line is not the column header: %q", lines[1])
	}
	if last := lines[len(lines)-1]; len(lines) != paneHeight || !strings.HasPrefix(last, "netstat --watch every 0.3s |") {
		t.Errorf("status line not at the bottom (line %d of %d): %q", len(lines), paneHeight, last)
	}
	p.waitFor("the listener unmarked at the next refresh", func(lines []string, _ string) bool {
		mark, ok := row(lines, addr)
		return ok && mark == ""
	})

	ln.Close()
	_, coloured = p.waitFor("the closed listener marked -", func(lines []string, _ string) bool {
		mark, ok := row(lines, addr)
		return ok && mark == "-"
	})
	if l := colouredRow(coloured, addr); !strings.Contains(l, "\x1b[31m") {
		t.Errorf("closed row not red: %q", l)
	}
	p.waitFor("the closed listener gone", func(lines []string, _ string) bool {
		_, ok := row(lines, addr)
		return !ok
	})

	p.run("send-keys", "C-c")
	lines, _ = p.waitFor("the shell back after Ctrl-C", func(lines []string, _ string) bool {
		return strings.HasPrefix(lines[0], prompt) && len(lines) > 1 && lines[1] == strings.TrimSpace(prompt)
	})
	for _, l := range lines {
		if strings.Contains(l, "Active Internet") || strings.Contains(l, "\x1b") {
			t.Errorf("the view was left on the screen: %q", l)
		}
	}
	if a, c := p.format("#{alternate_on}"), p.format("#{cursor_flag}"); a != "0" || c != "1" {
		t.Errorf("after Ctrl-C: alternate screen %s, cursor shown %s; want 0 and 1", a, c)
	}
	p.run("send-keys", "-l", "echo status=$?")
	p.run("send-keys", "Enter")
	p.waitFor("the exit status", func(lines []string, _ string) bool {
		return strings.Contains(strings.Join(lines, "\n"), "\nstatus=0\n")
	})
}
