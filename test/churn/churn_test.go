package churn

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// Bounds of the churn: it runs until minRuns runs and minTime have passed,
// and fails if maxTime passes first.
const (
	minRuns    = 1000
	minTime    = 15 * time.Second
	maxTime    = 80 * time.Second
	runTimeout = 15 * time.Second
	workers    = 2  // netstat runs at a time
	refEvery   = 10 // a reference -s run after every refEvery-th -s run
)

// modes are the argument sets run in turn.
var modes = []string{"-tanp", "-xp", "-tanpe", "-s", "-i"}

// tally collects the outcome of all runs.
type tally struct {
	mu                                 sync.Mutex
	runs, rows, panics, nonzero, hangs int
	stderr, malformed                  int
	perMode                            map[string]int
	slowest                            map[string]time.Duration
	problems                           []string
	statsOut                           []string // -s outputs, checked at the end
}

// note records one problem; the first few are kept for the report.
func (t *tally) note(args, what string) {
	if len(t.problems) < 30 {
		t.problems = append(t.problems, fmt.Sprintf("netstat %s: %s", args, what))
	}
}

// TestChurn runs netstat over and over while sockets and processes churn
// (see the package comment) and requires every run to be clean.
func TestChurn(t *testing.T) {
	nstest.Require(t)
	nstest.RequireReference(t)
	dir := t.TempDir()
	procs := newProcSet(os.Getpid(), os.Args[0])
	c := &checker{procs: procs, shapes: newShapeSet(), dir: dir}
	addReferenceStats(t, c.shapes)

	ctx, stopChurn := context.WithCancel(context.Background())
	var churners sync.WaitGroup
	var done counts
	for _, churn := range []func(){
		func() { churnTCP(ctx, &done, "tcp4", "127.0.0.1:0") },
		func() { churnTCP(ctx, &done, "tcp6", "[::1]:0") },
		func() { churnTCP(ctx, &done, "tcp", "[::]:0") }, // v4-mapped peers
		func() { churnUDP(ctx, &done) },
		func() { churnUnix(ctx, &done, dir) },
		func() { churnProcs(ctx, &done, procs) },
	} {
		churners.Add(1)
		go func() { defer churners.Done(); churn() }()
	}

	tl := &tally{perMode: map[string]int{}, slowest: map[string]time.Duration{}}
	start := time.Now()
	var next atomic.Int64
	var runners sync.WaitGroup
	for range workers {
		runners.Add(1)
		go func() {
			defer runners.Done()
			for {
				n := next.Add(1) - 1
				elapsed := time.Since(start)
				if (n >= minRuns && elapsed >= minTime) || elapsed >= maxTime {
					return
				}
				args := modes[n%int64(len(modes))]
				runOnce(t, c, tl, args)
				if args == "-s" && (n/int64(len(modes)))%refEvery == 0 {
					addReferenceStats(t, c.shapes)
				}
			}
		}()
	}
	runners.Wait()
	elapsed := time.Since(start)
	stopChurn()
	churners.Wait()
	addReferenceStats(t, c.shapes)
	for _, out := range tl.statsOut {
		for _, p := range c.deferred(out) {
			tl.malformed++
			tl.note("-s", p)
		}
	}

	t.Logf("churn: %d netstat runs in %v (%v), %d stdout lines checked",
		tl.runs, elapsed.Round(time.Millisecond), tl.perMode, tl.rows)
	t.Logf("churn: %d TCP connections, %d UDP pairs, %d UNIX rounds, %d holder processes started and killed, %d socket errors (last: %v)",
		done.tcp.Load(), done.udp.Load(), done.unix.Load(), done.procs.Load(), done.errs.Load(), done.lastErr.Load())
	t.Logf("churn: slowest run per mode: %v", tl.slowest)
	t.Logf("churn: failures: %d panics, %d non-zero exits, %d hangs, %d runs with stderr, %d malformed lines",
		tl.panics, tl.nonzero, tl.hangs, tl.stderr, tl.malformed)
	for _, p := range tl.problems {
		t.Error(p)
	}
	if tl.runs < minRuns {
		t.Errorf("only %d runs in %v; want at least %d", tl.runs, maxTime, minRuns)
	}
	if done.tcp.Load() == 0 || done.unix.Load() == 0 || done.procs.Load() == 0 {
		t.Errorf("the churn did not happen: %d TCP, %d UNIX, %d processes", done.tcp.Load(), done.unix.Load(), done.procs.Load())
	}
}

// runOnce runs our netstat once with args and checks the result into tl.
func runOnce(t *testing.T, c *checker, tl *tally, args string) {
	res, err := runNetstat(nstest.Ours(), []string{args}, runTimeout, c.procs)
	if err != nil {
		t.Errorf("netstat %s: %v", args, err)
		return
	}
	var problems []string
	if !res.hung && res.status == "exit 0" {
		problems = c.check(args, res.stdout)
	}
	tl.mu.Lock()
	defer tl.mu.Unlock()
	tl.runs++
	tl.perMode[args]++
	tl.slowest[args] = max(tl.slowest[args], res.took)
	tl.rows += strings.Count(res.stdout, "\n")
	switch {
	case res.hung:
		tl.hangs++
		tl.note(args, fmt.Sprintf("still running after %v (pid %d)", runTimeout, res.pid))
	case res.status != "exit 0":
		tl.nonzero++
		tl.note(args, res.status)
	}
	if strings.Contains(res.stderr, "panic") || strings.Contains(res.stderr, "goroutine") {
		tl.panics++
		tl.note(args, "panic on stderr:\n"+res.stderr)
	} else if res.stderr != "" {
		tl.stderr++
		tl.note(args, "stderr: "+res.stderr)
	}
	tl.malformed += len(problems)
	for _, p := range problems {
		tl.note(args, p)
	}
	if args == "-s" && res.status == "exit 0" {
		tl.statsOut = append(tl.statsOut, res.stdout)
	}
}

// addReferenceStats runs /usr/bin/netstat -s and adds its line shapes.
func addReferenceStats(t *testing.T, shapes *shapeSet) {
	res, err := runNetstat(nstest.Reference, []string{"-s"}, runTimeout, nil)
	if err != nil || res.status != "exit 0" || res.stderr != "" {
		t.Errorf("%s -s: %v %s %s", nstest.Reference, err, res.status, res.stderr)
		return
	}
	shapes.addReference(res.stdout)
}
