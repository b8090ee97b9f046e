package longrun

import (
	"runtime"
	"testing"
	"time"
)

// passes is how many passes (samples, scrapes) every long run must reach.
const passes = 10000

// Bounds. The start sample is taken after a warmupShare of the passes
// and warmupGCs collections, once the Go runtime's heap has reached its
// working size (a mode that allocates little collects only a few times
// in all its passes). At the end, RSS may exceed the start sample by at
// most rssSlackKB, no more descriptors may be held open, the process may
// have at most threadSlack more threads, and the lowest live heap of the
// last collections may exceed the lowest of the first ones by at most
// heapSlackMB (gctrace's unit; see heapWindow). In each sample, at most transientFDs
// descriptors may be open beyond those held throughout: a pass opens a
// few at a time (the socket owner scan one directory per worker, a
// worker per CPU).
const (
	warmupShare = 5 // a fifth
	warmupGCs   = 2
	rssSlackKB  = 2048
	threadSlack = 2
	heapSlackMB = 1
)

// transientFDs is how many descriptors a process may have open for a
// moment, beyond those it holds.
var transientFDs = 16 + 2*runtime.NumCPU()

// figures are what a long run measured.
type figures struct {
	passes      int64 // at the end
	elapsed     time.Duration
	startPasses int64 // when the start sample was taken
	startGCs    int   // collections by then
	start, end  usage
	// The garbage collections gctrace reported, and the lowest live heap
	// after the first and after the last heapWindow of them.
	gcs, firstMB, lastMB int
}

// log puts the figures in the test log, where CI keeps them.
func (f *figures) log(t *testing.T, what string) {
	t.Helper()
	t.Logf("%s: %d passes in %v (%.0f/s); after %d passes and %d collections %v; at the end %v; live heap at least %d MB after the first of %d collections, at least %d MB after the last (of %d each)",
		what, f.passes, f.elapsed.Round(time.Millisecond), float64(f.passes)/f.elapsed.Seconds(),
		f.startPasses, f.startGCs, f.start, f.end, f.firstMB, f.gcs, f.lastMB, heapWindow)
}

// check fails t when the run did not reach passes within limit or when
// memory, descriptors or threads grew beyond the bounds.
func (f *figures) check(t *testing.T, limit time.Duration) {
	t.Helper()
	if f.passes < passes {
		t.Errorf("only %d passes in %v, want %d", f.passes, limit, passes)
	}
	grown := f.passes - f.startPasses
	if f.end.rssKB > f.start.rssKB+rssSlackKB {
		t.Errorf("VmRSS grew from %d kB to %d kB over %d passes (allowed: +%d kB)", f.start.rssKB, f.end.rssKB, grown, rssSlackKB)
	}
	if f.end.fds > f.start.fds {
		t.Errorf("descriptors held open grew from %d to %d over %d passes", f.start.fds, f.end.fds, grown)
	}
	for _, u := range []struct {
		when string
		usage
	}{{"after the warm-up", f.start}, {"at the end", f.end}} {
		if u.peak > u.fds+transientFDs {
			t.Errorf("descriptors pile up %s: %d open at once, %d of them held throughout (allowed: %d more)", u.when, u.peak, u.fds, transientFDs)
		}
	}
	if f.end.threads > f.start.threads+threadSlack {
		t.Errorf("threads grew from %d to %d over %d passes (allowed: +%d)", f.start.threads, f.end.threads, grown, threadSlack)
	}
	if f.gcs == 0 {
		t.Errorf("gctrace reported no collection")
	} else if f.lastMB > f.firstMB+heapSlackMB {
		t.Errorf("live heap grew from at least %d MB to at least %d MB over %d collections", f.firstMB, f.lastMB, f.gcs)
	}
}
