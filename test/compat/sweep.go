package compat

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// A run that is killed hard (for example by `go test -timeout`) cannot run
// its cleanups. The next run removes what such a run left behind: the
// namespaces, /etc/netns directories and scratch directories whose names
// carry the PID of a process that no longer exists. Nothing that belongs to
// a live process, and nothing not named by this harness, is touched. The
// holders of a dead run exit on their own when their stdin pipe closes.

// staleNetnsRE matches namespace names made by NewWorld.
var staleNetnsRE = regexp.MustCompile(`^gnst-(\d+)-\d+$`)

// staleDirRE matches scratch directories made by prepare.
var staleDirRE = regexp.MustCompile(`^gnst-compat-(\d+)-\d+$`)

// pidGone reports whether no process with the decimal pid exists.
func pidGone(pid string) bool {
	n, err := strconv.Atoi(pid)
	if err != nil || n == os.Getpid() {
		return false
	}
	_, err = os.Stat(filepath.Join("/proc", pid))
	return os.IsNotExist(err)
}

// sweepStale removes leftovers of dead runs and reports what it removed.
func sweepStale() {
	out, _ := exec.Command(env.ip, "netns", "list").Output()
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		m := staleNetnsRE.FindStringSubmatch(f[0])
		if m == nil || !pidGone(m[1]) {
			continue
		}
		if err := exec.Command(env.ip, "netns", "del", f[0]).Run(); err == nil {
			fmt.Fprintln(os.Stderr, "compat: removed stale namespace", f[0])
		}
		os.RemoveAll(filepath.Join("/etc/netns", f[0]))
	}
	etc, _ := os.ReadDir("/etc/netns")
	for _, e := range etc {
		if m := staleNetnsRE.FindStringSubmatch(e.Name()); m != nil && pidGone(m[1]) {
			os.RemoveAll(filepath.Join("/etc/netns", e.Name()))
		}
	}
	tmp, _ := os.ReadDir(os.TempDir())
	for _, e := range tmp {
		if m := staleDirRE.FindStringSubmatch(e.Name()); m != nil && e.IsDir() && pidGone(m[1]) {
			os.RemoveAll(filepath.Join(os.TempDir(), e.Name()))
		}
	}
}
