package compat

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// HolderConfig says how to start one socket holder.
type HolderConfig struct {
	// UID and GID own the process (SysProcAttr.Credential).
	UID, GID uint32
	// Argv0 is the process's argv[0], shown by netstat -p.
	Argv0 string
	// Relative starts the helper through the relative path
	// ./bin/<helperName> from the scratch directory.
	Relative bool
	// Sockets to create.
	Sockets []SocketSpec
}

// Holder is a running socket-holding process.
type Holder struct {
	Cmd    *exec.Cmd
	stderr lockedBuffer
}

// lockedBuffer is a bytes.Buffer safe for the copying goroutine of os/exec
// and concurrent readers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns the contents so far.
func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// holderReadyTimeout bounds how long a holder may take to create its
// sockets.
const holderReadyTimeout = 10 * time.Second

// StartHolder starts a holder in the world's namespace and waits until it
// reports "ready". It is killed by PID in t.Cleanup.
func (w *World) StartHolder(t *testing.T, cfg HolderConfig) *Holder {
	t.Helper()
	spec, err := json.Marshal(cfg.Sockets)
	if err != nil {
		t.Fatal(err)
	}
	h := &Holder{}
	cmd := &exec.Cmd{
		Path: env.helper,
		Args: []string{cfg.Argv0},
		Env:  append([]string{envRole + "=" + roleHolder, envHolderSpec + "=" + string(spec)}, baseEnv...),
		Dir:  w.Dir,
		SysProcAttr: &syscall.SysProcAttr{
			Credential: &syscall.Credential{Uid: cfg.UID, Gid: cfg.GID, Groups: []uint32{}},
		},
		Stderr: &h.stderr,
	}
	if cfg.Relative {
		cmd.Dir = env.dir
		cmd.Path = "./" + filepath.Join("bin", helperName)
	}
	h.Cmd = cmd
	// The holder exits when this pipe closes, so it cannot outlive the
	// test binary even if the cleanup below never runs.
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := startInNetns(w.Name, cmd); err != nil {
		t.Fatalf("starting holder %q: %v", cfg.Argv0, err)
	}
	w.Holders = append(w.Holders, h)
	t.Cleanup(func() {
		cmd.Process.Kill()
		stdin.Close()
		cmd.Wait()
	})

	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	timeout := time.After(holderReadyTimeout)
	for {
		select {
		case line, ok := <-lines:
			switch {
			case !ok:
				t.Fatalf("holder %q (uid %d) exited before it was ready: %s", cfg.Argv0, cfg.UID, h.stderr.String())
			case line == "ready":
				go func() {
					for range lines {
					}
				}()
				return h
			case strings.HasPrefix(line, "note: "):
				t.Logf("holder %q: %s", cfg.Argv0, line)
			default:
				t.Logf("holder %q says: %s", cfg.Argv0, line)
			}
		case <-timeout:
			t.Fatalf("holder %q not ready after %v: %s", cfg.Argv0, holderReadyTimeout, h.stderr.String())
		}
	}
}

// PID returns the holder's process id.
func (h *Holder) PID() int { return h.Cmd.Process.Pid }

// String describes the holder for logs.
func (h *Holder) String() string {
	c := h.Cmd.SysProcAttr.Credential
	return fmt.Sprintf("pid %d uid %d argv0 %q", h.PID(), c.Uid, h.Cmd.Args[0])
}
