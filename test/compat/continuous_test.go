package compat

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// continuousCase is one `-c` run compared with the reference.
type continuousCase struct {
	// args are the netstat arguments, split on blanks.
	args string
	// asNobody runs both sides as uid/gid 65534.
	asNobody bool
	// once is the title printed only before the first pass ("" if none).
	once string
	// head is the line every pass starts with; "" for the -ie layout,
	// whose passes start with the first interface's line.
	head string
	// single marks the tables that never repeat (-s, -M): the process
	// must end on its own, before the signal.
	single bool
}

// Lines that open the passes of the repeating tables.
const (
	inetHead   = "Active Internet connections (servers and established)"
	unixWO     = "Active UNIX domain sockets (w/o servers)"
	routeTitle = "Kernel IP routing table"
	route6     = "Kernel IPv6 routing table"
	routeCache = "Kernel IP routing cache"
	ifTitle    = "Kernel Interface table"
	ifHeader   = "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg"
	groupTitle = "IPv6/IPv4 Group Memberships"
)

// continuousCases is net-tools 2.10's -c behaviour (spec §9) for every
// table: socket listings (groups included) repeat whole passes, -r its
// title too, -i everything but its title, and -s and -M do not repeat.
var continuousCases = []continuousCase{
	{args: "-c -tan", head: inetHead},
	{args: "-tanc", asNobody: true, head: inetHead},
	{args: "-c -tuan 5", head: inetHead}, // the trailing number is ignored
	{args: "-xc", head: unixWO},
	{args: "-rnc", head: routeTitle},
	{args: "-rc", head: routeTitle},
	{args: "-rn6c", head: route6},
	{args: "-rCnc", head: routeCache},
	{args: "-gnc", head: groupTitle},
	{args: "-gc", head: groupTitle},
	{args: "-sc", single: true},
	{args: "-stc", single: true},
	{args: "-Mc", single: true},
	// Last, so that a world made just before (a run of only these cases)
	// has finished its IPv6 link-up chatter on the veth pair, which moves
	// the interface counters.
	{args: "-ic", once: ifTitle, head: ifHeader},
	{args: "-iec", once: ifTitle},
	{args: "-ianc", once: ifTitle, head: ifHeader},
}

// continuousRun is how long a -c run lasts before SIGINT: long enough for
// three pass starts (at 0 s, 1 s and 2 s), so that two passes are
// complete. A side that has not started its third pass by then gets up to
// continuousGrace more, so that a busy machine does not cut a run short.
const (
	continuousRun   = 2500 * time.Millisecond
	continuousGrace = time.Second
)

// slowerBy is how much later than the reference's ours may start its
// third pass: scheduling noise on a loaded machine, not a slower loop.
const slowerBy = 500 * time.Millisecond

// continuousStop is how long the sides may take to exit after SIGINT.
const continuousStop = 5 * time.Second

// comparedPasses is how many complete passes are compared byte for byte.
const comparedPasses = 2

// testContinuous runs every continuous case in the world, one after the
// other: the cases that look names up send packets over lo and open
// sockets, which the -x, -u and -i passes of a case running beside them
// would show. One retry is allowed per case.
func testContinuous(t *testing.T, w *World) {
	start := time.Now()
	for _, c := range continuousCases {
		t.Run(strings.ReplaceAll(c.args, " ", "_"), func(t *testing.T) { checkContinuous(t, w, c) })
	}
	t.Logf("%d continuous cases in %v", len(continuousCases), time.Since(start).Round(time.Millisecond))
}

// checkContinuous runs one case up to maxAttempts times until it matches.
func checkContinuous(t *testing.T, w *World, c continuousCase) {
	args := strings.Fields(c.args)
	desc := describeArgs(args, c.asNobody)
	var report string
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		ref, ours := runContinuousPair(t, w, c)
		if c.single {
			report = compareSingle(t, desc, ref, ours)
		} else {
			report = compareRepeating(t, desc, c, ref, ours)
		}
		if report == "" {
			return
		}
		if attempt < maxAttempts {
			t.Logf("%s: first attempt differed, retrying:\n%s", desc, report)
		}
	}
	t.Errorf("%s: differs from %s (persisted over %d attempts)\n%s", desc, env.ref, maxAttempts, report)
}

// sideRun is what one side of a -c pair did.
type sideRun struct {
	Result
	// signalled is true when the side was still running when the pair
	// was stopped, and got SIGINT.
	signalled bool
	// stdout is the side's stdout with arrival times.
	stdout *stampedBuffer
}

// passesStarted returns how many passes out has started, 0 while it does
// not even have the title and the first head line.
func passesStarted(out []byte, once string) int {
	p, err := SplitPasses(out, once)
	if err != nil {
		return 0
	}
	return len(p.List)
}

// runContinuousPair starts both sides at the same time and interrupts those
// still running with SIGINT to their process groups, like Ctrl-C on a
// terminal: after continuousRun, or, for a repeating table, as soon after
// as both have started their third pass (continuousGrace at most).
func runContinuousPair(t *testing.T, w *World, c continuousCase) (ref, ours sideRun) {
	args := strings.Fields(c.args)
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	type side struct {
		cmd    *exec.Cmd
		stdout *stampedBuffer
		stderr bytes.Buffer
		done   chan struct{}
	}
	sides := []*side{{}, {}}
	start := time.Now()
	for i, bin := range []string{env.ref, env.ours} {
		s := sides[i]
		s.stdout = &stampedBuffer{start: start}
		s.cmd = w.Command(ctx, bin, args, c.asNobody)
		s.cmd.Stdout, s.cmd.Stderr = s.stdout, &s.stderr
		if err := s.cmd.Start(); err != nil {
			t.Fatalf("starting %s: %v", bin, err)
		}
		s.done = make(chan struct{})
		go func() { s.cmd.Wait(); close(s.done) }()
	}
	ended := func(s *side) bool {
		select {
		case <-s.done:
			return true
		default:
			return false
		}
	}
	// ready: the side has ended, or its passes so far include
	// comparedPasses complete ones.
	ready := func(s *side) bool {
		return ended(s) || c.single || passesStarted(s.stdout.Bytes(), c.once) > comparedPasses
	}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		elapsed := time.Since(start)
		if ended(sides[0]) && ended(sides[1]) ||
			elapsed >= continuousRun && ready(sides[0]) && ready(sides[1]) ||
			elapsed >= continuousRun+continuousGrace {
			break
		}
		<-tick.C
	}
	runs := make([]sideRun, 2)
	for i, s := range sides {
		if ended(s) {
			continue
		}
		runs[i].signalled = true
		if err := signalGroup(s.cmd, syscall.SIGINT); err != nil {
			t.Logf("SIGINT to process group %d: %v", s.cmd.Process.Pid, err)
		}
	}
	// Whatever has not stopped a few seconds after SIGINT is killed (the
	// whole process group) and reported.
	stop := time.AfterFunc(continuousStop, cancel)
	defer stop.Stop()
	for i, s := range sides {
		<-s.done
		if ctx.Err() != nil {
			t.Fatalf("%s %q did not stop within %v of SIGINT", s.cmd.Args, args, continuousStop)
		}
		runs[i].stdout = s.stdout
		runs[i].Result = Result{
			Stdout: s.stdout.Bytes(),
			Stderr: s.stderr.Bytes(),
			Status: statusString(s.cmd.ProcessState.Sys().(syscall.WaitStatus)),
		}
	}
	return runs[0], runs[1]
}

// compareSingle checks a table that must not repeat: both sides ended on
// their own before the signal, with the same stdout, stderr and status.
func compareSingle(t *testing.T, desc string, ref, ours sideRun) string {
	if ref.signalled {
		t.Fatalf("%s: the reference was still running after %v; it should not repeat:\n%s", desc, continuousRun, ref.Stdout)
	}
	report := ""
	if ours.signalled {
		report = fmt.Sprintf("ours was still running after %v and had to be interrupted (it repeats; net-tools prints once)\n", continuousRun)
	}
	return report + Comparison{}.Compare(ref.Result, ours.Result)
}

// passTimes returns when each pass of p arrived on the side's stdout.
func passTimes(run sideRun, p Passes) []time.Duration {
	var times []time.Duration
	for _, off := range p.Starts() {
		times = append(times, run.stdout.arrival(off))
	}
	return times
}

// compareRepeating checks a repeating table: the title rules, at least
// comparedPasses complete passes on both sides, ours no slower, the first
// of them byte for byte, nothing between passes, the same stderr and the
// same ending.
func compareRepeating(t *testing.T, desc string, c continuousCase, ref, ours sideRun) string {
	refPasses, err := SplitPasses(ref.Stdout, c.once)
	if err != nil {
		t.Fatalf("%s: reference: %v:\n%s", desc, err, ref.Stdout)
	}
	if c.head != "" && refPasses.Head != c.head {
		t.Fatalf("%s: the reference's passes start with %q, want %q", desc, refPasses.Head, c.head)
	}
	if refPasses.Complete() < comparedPasses {
		t.Fatalf("%s: the reference completed %d pass(es) in %v, fewer than the %d compared:\n%s",
			desc, refPasses.Complete(), continuousRun+continuousGrace, comparedPasses, ref.Stdout)
	}
	if !ref.signalled {
		t.Fatalf("%s: the reference ended on its own (%s) instead of repeating until SIGINT", desc, ref.Status)
	}
	oursPasses, err := SplitPasses(ours.Stdout, c.once)
	if err != nil {
		return fmt.Sprintf("ours: %v\n", err) + Comparison{}.Compare(ref.Result, ours.Result)
	}
	refTimes, oursTimes := passTimes(ref, refPasses), passTimes(ours, oursPasses)
	t.Logf("%s: passes arrived at: reference %v, ours %v", desc, roundAll(refTimes), roundAll(oursTimes))
	var sb strings.Builder
	if oursPasses.Head != refPasses.Head {
		fmt.Fprintf(&sb, "ours: passes start with %q, the reference's with %q\n", oursPasses.Head, refPasses.Head)
	}
	if oursPasses.Complete() < comparedPasses {
		fmt.Fprintf(&sb, "ours completed %d pass(es) before SIGINT, the reference %d (no repetition, slower passes, or output not flushed per pass)\n",
			oursPasses.Complete(), refPasses.Complete())
	} else if late := oursTimes[comparedPasses] - refTimes[comparedPasses]; late > slowerBy {
		fmt.Fprintf(&sb, "ours is slower: its pass %d arrived %v after the reference's (more than %v)\n",
			comparedPasses+1, late.Round(time.Millisecond), slowerBy)
	}
	if !ours.signalled {
		fmt.Fprintf(&sb, "ours ended on its own (%s) before SIGINT instead of repeating\n", ours.Status)
	}
	sb.WriteString(SeparatorReport(refPasses, oursPasses))
	ref.Stdout, ours.Stdout = refPasses.First(comparedPasses), oursPasses.First(comparedPasses)
	sb.WriteString(Comparison{}.Compare(ref.Result, ours.Result))
	return sb.String()
}

// roundAll rounds durations to milliseconds for the log.
func roundAll(ds []time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d.Round(time.Millisecond)
	}
	return out
}
