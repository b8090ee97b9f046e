package longrun

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// usage is what a sample of the process shows.
type usage struct {
	rssKB int
	// fds counts the descriptors open in every reading of the sample (same
	// number, same target): a pass opens files and /proc directories for a
	// moment, and only what stays open can be a leak.
	fds int
	// peak is the most descriptors open in one reading. Descriptors that
	// come and go but pile up are a leak too: an *os.File dropped without
	// Close is closed only by its finalizer, at a later collection.
	peak int
	// threads is the highest thread count of the readings.
	threads int
}

func (u usage) String() string {
	return fmt.Sprintf("VmRSS %d kB, up to %d fds (%d held throughout), %d threads", u.rssKB, u.peak, u.fds, u.threads)
}

// sampleRounds readings, sampleGap apart, make a sample. RSS, the open
// descriptors and threads are the highest readings.
const (
	sampleRounds = 20
	sampleGap    = 2 * time.Millisecond
)

// sample reads VmRSS, the descriptors and the threads of pid.
func sample(pid int) (usage, error) {
	var u usage
	var stable map[string]string
	for i := range sampleRounds {
		if i > 0 {
			time.Sleep(sampleGap)
		}
		rss, err := nstest.VmRSS(pid)
		if err != nil {
			return u, err
		}
		u.rssKB = max(u.rssKB, rss)
		threads, err := threadCount(pid)
		if err != nil {
			return u, err
		}
		u.threads = max(u.threads, threads)
		fds, err := descriptors(pid)
		if err != nil {
			return u, err
		}
		u.peak = max(u.peak, len(fds))
		if i == 0 {
			stable = fds
			continue
		}
		for fd, target := range stable {
			if fds[fd] != target {
				delete(stable, fd)
			}
		}
	}
	u.fds = len(stable)
	return u, nil
}

// threadCount returns the number of threads of pid, from the Threads line
// of /proc/PID/status.
func threadCount(pid int) (int, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "Threads:"); ok {
			return strconv.Atoi(strings.TrimSpace(rest))
		}
	}
	return 0, fmt.Errorf("no Threads in /proc/%d/status", pid)
}

// descriptors maps each open descriptor of pid to its link target.
func descriptors(pid int) (map[string]string, error) {
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fds := make(map[string]string, len(ents))
	for _, e := range ents {
		if target, err := os.Readlink(filepath.Join(dir, e.Name())); err == nil {
			fds[e.Name()] = target
		}
	}
	return fds, nil
}
