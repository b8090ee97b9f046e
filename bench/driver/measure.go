package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"syscall"
	"time"
)

// tool is one of the compared programs.
type tool int

const (
	ours tool = iota
	netstat
	ss
	kernel // the kdump lower bound
	nTools
)

var toolNames = [nTools]string{"ours", "netstat", "ss", "kernel"}

// benchCase is one row of the table: the arguments each tool gets for it
// (nil: the tool has no equivalent). oursCmd, if set, runs another program
// than our netstat in the ours column: it gives that program's path and
// arguments from the configuration, and args[ours] is unused.
type benchCase struct {
	name    string
	args    [nTools][]string
	oursCmd func(c *config) (path string, args []string)
}

// Names of the cases that printExporter reads.
const (
	tanCase    = "-tan"
	scrapeCase = "exporter scrape"
)

// cases are the measured commands. The kernel column is the lower bound:
// one sock_diag dump thrown away, plus the owner scan where -p asks for it.
// --json -tan has no net-tools equivalent; it is there for its memory,
// which should stay flat as N grows. The exporter scrape is bench/scrape
// reading one /metrics of the running exporter.
var cases = []benchCase{
	{name: tanCase, args: [nTools][]string{{"-tan"}, {"-tan"}, {"-tan"}, {}}},
	{name: "-tanp", args: [nTools][]string{{"-tanp"}, {"-tanp"}, {"-tanp"}, {"-owners"}}},
	{name: "-tuan", args: [nTools][]string{{"-tuan"}, {"-tuan"}, {"-tuan"}, nil}},
	{name: "-tln", args: [nTools][]string{{"-tln"}, {"-tln"}, {"-tln"}, nil}},
	{name: "-s", args: [nTools][]string{{"-s"}, {"-s"}, nil, nil}},
	{name: "-i", args: [nTools][]string{{"-i"}, {"-i"}, nil, nil}},
	{name: "--json -tan", args: [nTools][]string{{"--json", "-tan"}, nil, {"-tan"}, {}}},
	{name: scrapeCase, oursCmd: func(c *config) (string, []string) { return c.scrape, []string{c.scrapeURL} }},
}

// command is the program and arguments tool t runs for bc; ok is false
// when t has no equivalent.
func (bc *benchCase) command(c *config, t tool) (path string, args []string, ok bool) {
	if t == ours && bc.oursCmd != nil {
		path, args = bc.oursCmd(c)
		return path, args, true
	}
	if bc.args[t] == nil {
		return "", nil, false
	}
	paths := [nTools]string{c.ours, c.netstat, c.ss, c.kdump}
	return paths[t], bc.args[t], true
}

// caseIndex is the index in cases of the case called name, or -1.
func caseIndex(name string) int {
	return slices.IndexFunc(cases, func(bc benchCase) bool { return bc.name == name })
}

// sample is the outcome of one run.
type sample struct {
	wall   time.Duration
	maxRSS int64 // KiB, from wait4's rusage
	failed bool
}

// results holds the samples per case and tool.
type results struct {
	samples  [][nTools][]sample
	complete bool // every repetition ran before the deadline
}

// measure runs one untimed warm-up of every command, then c.reps
// repetitions; in each repetition every case runs each tool once, the
// tools' order rotating from one repetition to the next. Before every run
// (untimed) the farm renews its TIME_WAIT sockets that are about to expire.
// Sample i of every tool of a case comes from repetition i, so samples
// pair up by index.
func measure(c *config, f *farm, deadline time.Time) *results {
	r := &results{samples: make([][nTools][]sample, len(cases)), complete: true}
	for rep := -1; rep < c.reps; rep++ {
		for ci, bc := range cases {
			for k := range nTools {
				t := tool((int(k) + max(rep, 0)) % int(nTools))
				path, args, ok := bc.command(c, t)
				if !ok {
					continue
				}
				if time.Now().After(deadline) {
					r.complete = false
					return r
				}
				if err := f.refill(); err != nil {
					fmt.Fprintln(os.Stderr, "driver:", err)
					r.complete = false
					return r
				}
				s := runOnce(path, args, c.runLimit)
				if rep >= 0 {
					r.samples[ci][t] = append(r.samples[ci][t], s)
				}
			}
		}
	}
	return r
}

// runOnce runs path with args, stdout and stderr to /dev/null, and returns
// its wall time and peak RSS. A run over limit is killed (by its PID).
func runOnce(path string, args []string, limit time.Duration) sample {
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return sample{failed: true}
	}
	defer null.Close()
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Stdout, cmd.Stderr = null, null
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	t0 := time.Now()
	err = cmd.Run()
	s := sample{wall: time.Since(t0), failed: err != nil}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			s.maxRSS = ru.Maxrss
		}
	}
	return s
}

// pairedRatio is the median over repetitions of a's wall time divided by
// b's in the same repetition, skipping repetitions where either failed;
// ok is false when no repetition has both.
func pairedRatio(a, b []sample) (median float64, ok bool) {
	var rs []float64
	for i := range min(len(a), len(b)) {
		if a[i].failed || b[i].failed || b[i].wall == 0 {
			continue
		}
		rs = append(rs, float64(a[i].wall)/float64(b[i].wall))
	}
	if len(rs) == 0 {
		return 0, false
	}
	slices.Sort(rs)
	if len(rs)%2 == 1 {
		return rs[len(rs)/2], true
	}
	return (rs[len(rs)/2-1] + rs[len(rs)/2]) / 2, true
}

// stats are the minimum and median wall time and the largest peak RSS.
type stats struct {
	n         int
	min, med  time.Duration
	maxRSS    int64
	anyFailed bool
}

func summarize(ss []sample) stats {
	var st stats
	walls := make([]time.Duration, 0, len(ss))
	for _, s := range ss {
		walls = append(walls, s.wall)
		st.maxRSS = max(st.maxRSS, s.maxRSS)
		st.anyFailed = st.anyFailed || s.failed
	}
	if len(walls) == 0 {
		return st
	}
	slices.Sort(walls)
	st.n, st.min, st.med = len(walls), walls[0], walls[len(walls)/2]
	return st
}
