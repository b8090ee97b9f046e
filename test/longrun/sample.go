package longrun

import (
	"fmt"
	"os"
	"path/filepath"
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
	// all is the number in /proc/PID/fd at the first reading.
	all int
}

func (u usage) String() string {
	return fmt.Sprintf("VmRSS %d kB, %d fds (%d held throughout)", u.rssKB, u.all, u.fds)
}

// sampleRounds readings, sampleGap apart, make a sample. RSS is the
// highest reading.
const (
	sampleRounds = 20
	sampleGap    = 2 * time.Millisecond
)

// sample reads VmRSS and the descriptors of pid.
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
		fds, err := descriptors(pid)
		if err != nil {
			return u, err
		}
		if i == 0 {
			stable, u.all = fds, len(fds)
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
