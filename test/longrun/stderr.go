package longrun

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"sync"
)

// stderrLog is the stderr of a long run. The run has GODEBUG=gctrace=1, so
// the Go runtime reports the live heap after each garbage collection; the
// log keeps the heapWindow first and the heapWindow last of those
// figures, keeps the first kilobyte of anything else (-gc warns on every
// pass, as net-tools does), and discards the rest, so it neither blocks
// the process nor fills memory.
type stderrLog struct {
	mu            sync.Mutex
	partial, text []byte
	gcs           int
	first, last   [heapWindow]int // last is a ring, indexed by gcs
}

// heapWindow is how many collections the lowest live heap is taken over.
// The figure gctrace gives counts what the program allocated while the
// collector marked: on a flat run it goes from 0 to a few MB from one
// collection to the next, but it never falls below what the program
// keeps.
const heapWindow = 10

// gcLine matches a gctrace line and captures the live heap in MB
// ("gc 3 @5.8s 0%: ..., 3->3->0 MB, 4 MB goal, ...").
var gcLine = regexp.MustCompile(`^gc \d+ @.* \d+->\d+->(\d+) MB`)

func (l *stderrLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		nl := bytes.IndexByte(l.partial, '\n')
		if nl < 0 {
			break
		}
		l.line(l.partial[:nl+1])
		l.partial = l.partial[nl+1:]
	}
	if len(l.partial) > 4096 { // no newline in sight: not gctrace
		l.line(l.partial)
		l.partial = l.partial[:0]
	}
	return len(p), nil
}

// line takes one complete line.
func (l *stderrLog) line(b []byte) {
	if m := gcLine.FindSubmatch(b); m != nil {
		mb, _ := strconv.Atoi(string(m[1]))
		if l.gcs < heapWindow {
			l.first[l.gcs] = mb
		}
		l.last[l.gcs%heapWindow] = mb
		l.gcs++
		return
	}
	if room := 1024 - len(l.text); room > 0 {
		l.text = append(l.text, b[:min(room, len(b))]...)
	}
}

// String returns the kept text that was not gctrace.
func (l *stderrLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.text)
}

// heap returns the number of collections and the lowest live heap in MB
// after the heapWindow first and after the heapWindow last (fewer when
// there were fewer collections).
func (l *stderrLog) heap() (gcs, firstMB, lastMB int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := min(l.gcs, heapWindow)
	if n == 0 {
		return 0, 0, 0
	}
	return l.gcs, slices.Min(l.first[:n]), slices.Min(l.last[:n])
}
