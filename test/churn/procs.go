package churn

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// procSet records the processes the test started (and the test itself),
// the only ones that can own a socket in its namespace, so that a PID/name
// column can be checked against the truth.
type procSet struct {
	mu    sync.Mutex
	names map[int]string // PID → basename of argv[0]
	self  string         // basename of the test binary
}

// newProcSet returns a set holding the test process itself.
func newProcSet(selfPID int, selfArgv0 string) *procSet {
	self := filepath.Base(selfArgv0)
	return &procSet{names: map[int]string{selfPID: self}, self: self}
}

// add records a started process. PIDs are not forgotten when the process
// ends: a listing may be printed just after.
func (p *procSet) add(pid int, argv0 string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.names[pid] = filepath.Base(argv0)
}

// check verifies a PID/Program name value: "-", or a PID the test started
// and a prefix (net-tools truncates) of that process's name. The name is
// empty for a process being killed: the kernel frees its memory, argv
// included, before it closes its descriptors, and net-tools then prints
// "PID/" from the empty /proc/PID/cmdline. The
// test binary's own name is accepted for every PID it started: between fork
// and execve a child is a copy of the test process, with its sockets.
func (p *procSet) check(v string) error {
	if v == "-" {
		return nil
	}
	pidText, name, ok := strings.Cut(v, "/")
	pid, err := strconv.Atoi(pidText)
	if !ok || err != nil {
		return fmt.Errorf("program %q is not PID/name", v)
	}
	p.mu.Lock()
	want, known := p.names[pid]
	p.mu.Unlock()
	if !known {
		return fmt.Errorf("program %q: PID %d was not started by the test", v, pid)
	}
	if !strings.HasPrefix(want, name) && !strings.HasPrefix(p.self, name) {
		return fmt.Errorf("program %q: PID %d runs %q", v, pid, want)
	}
	return nil
}
