package compat

import (
	"bytes"
	"context"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// continuousArgs and continuousRun define the -c check: both sides run for
// continuousRun, are stopped with SIGINT, and their first passes must match.
var continuousArgs = []string{"-c", "-tan"}

const continuousRun = 2500 * time.Millisecond

// continuousStop is how long the sides may take to exit after SIGINT.
const continuousStop = 5 * time.Second

// testContinuous compares the first pass of `netstat -c -tan` of both sides,
// plus stderr and the way they ended (SIGINT). One retry is allowed.
func testContinuous(t *testing.T, w *World) {
	var report string
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		ref, ours := runContinuousPair(t, w)
		report = compareContinuous(t, ref, ours)
		if report == "" {
			return
		}
		if attempt < maxAttempts {
			t.Logf("%s: first attempt differed, retrying:\n%s", describeArgs(continuousArgs, false), report)
		}
	}
	t.Errorf("%s: output differs from %s (persisted over %d attempts)\n%s",
		describeArgs(continuousArgs, false), env.ref, maxAttempts, report)
}

// runContinuousPair starts both sides at the same time, lets them run for
// continuousRun and interrupts them with SIGINT to their process groups,
// like Ctrl-C on a terminal.
func runContinuousPair(t *testing.T, w *World) (ref, ours Result) {
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	type side struct {
		cmd            *exec.Cmd
		stdout, stderr bytes.Buffer
	}
	sides := []*side{{}, {}}
	for i, bin := range []string{env.ref, env.ours} {
		s := sides[i]
		s.cmd = w.Command(ctx, bin, continuousArgs, false)
		s.cmd.Stdout, s.cmd.Stderr = &s.stdout, &s.stderr
		if err := s.cmd.Start(); err != nil {
			t.Fatalf("starting %s: %v", bin, err)
		}
	}
	time.Sleep(continuousRun)
	for _, s := range sides {
		if err := signalGroup(s.cmd, syscall.SIGINT); err != nil {
			t.Logf("SIGINT to process group %d: %v", s.cmd.Process.Pid, err)
		}
	}
	// Whatever has not stopped a few seconds after SIGINT is killed (the
	// whole process group) and reported.
	stop := time.AfterFunc(continuousStop, cancel)
	defer stop.Stop()
	res := make([]Result, 2)
	for i, s := range sides {
		s.cmd.Wait()
		if ctx.Err() != nil {
			t.Fatalf("%s %q did not stop within %v of SIGINT", s.cmd.Args, continuousArgs, continuousStop)
		}
		res[i] = Result{
			Stdout: s.stdout.Bytes(),
			Stderr: s.stderr.Bytes(),
			Status: statusString(s.cmd.ProcessState.Sys().(syscall.WaitStatus)),
		}
	}
	return res[0], res[1]
}

// compareContinuous reduces both stdouts to their first pass and compares
// them exactly, along with stderr and the final status. Each side must have
// printed at least two passes (the start of the second one ends the first).
func compareContinuous(t *testing.T, ref, ours Result) string {
	refFirst, refPasses := firstPass(ref.Stdout)
	oursFirst, oursPasses := firstPass(ours.Stdout)
	t.Logf("passes printed before SIGINT: reference %d, ours %d", refPasses, oursPasses)
	if refPasses < 2 {
		t.Fatalf("reference printed %d pass(es) in %v; cannot isolate the first one:\n%s", refPasses, continuousRun, ref.Stdout)
	}
	report := ""
	if oursPasses < 2 {
		report = "ours printed fewer than two passes before SIGINT (output not flushed per pass, or no repetition)\n"
	}
	ref.Stdout, ours.Stdout = refFirst, oursFirst
	return report + Comparison{}.Compare(ref, ours)
}

// firstPass returns the text before the second occurrence of the first
// line (the section title that starts every pass) and the number of passes.
func firstPass(out []byte) ([]byte, int) {
	nl := bytes.IndexByte(out, '\n')
	if nl < 0 {
		return out, 0
	}
	header := out[:nl+1]
	passes := bytes.Count(out, header)
	if passes < 2 {
		return out, passes
	}
	second := nl + 1 + bytes.Index(out[nl+1:], header)
	return out[:second], passes
}
