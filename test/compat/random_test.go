package compat

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/cli"
)

// Environment variables of TestRandomOptions.
const (
	// envRandomCases overrides the number of generated lines.
	envRandomCases = "NETSTAT_RANDOM_CASES"
	// envRandomSeed fixes the seed, to replay a failure.
	envRandomSeed = "NETSTAT_RANDOM_SEED"
)

// defaultRandomCases is the number of lines of one run; with a third of
// them also run as nobody it takes about 20 seconds on an idle two-core
// machine and up to a minute under load.
const defaultRandomCases = 120

// counterSettle is how long after the world's interfaces come up the -i
// and -s lines wait. Bringing a veth up sends a burst of IPv6 packets
// (MLD reports, duplicate address detection, router solicitations) a few
// hundred milliseconds apart for about three seconds; later router
// solicitations back off exponentially from four seconds. Once the burst
// is over, at most one packet can fall into the two attempts of a line,
// which the retry absorbs, so the counters are compared exactly.
const counterSettle = 4 * time.Second

// TestRandomOptions compares the reference and ours on random command
// lines (see randargs.go) in one populated world: each line as root, a
// third of them as nobody too, alternating our two socket readers. The
// seed is logged; NETSTAT_RANDOM_SEED replays it.
func TestRandomOptions(t *testing.T) {
	requireEnv(t)
	seed, cases := randomSeed(t), randomCases(t)
	t.Logf("seed %d, %d lines; replay with %s=%d", seed, cases, envRandomSeed, seed)
	born := time.Now()
	w := NewWorld(t)
	w.Populate(t)
	readers := [...]string{"netlink", "proc"}
	for i := range cases {
		line := generateLine(seed, i)
		reader := readers[i%len(readers)]
		if line.Counters {
			time.Sleep(time.Until(born.Add(counterSettle)))
		}
		t.Run(fmt.Sprintf("%03d", i), func(t *testing.T) {
			w.Reader = reader
			checkRandomLine(t, w, seed, i, line, false)
			if line.AlsoNobody {
				checkRandomLine(t, w, seed, i, line, true)
			}
		})
	}
	w.Reader = ""
}

// checkRandomLine runs one line through the world and reports a mismatch
// with what replays it.
func checkRandomLine(t *testing.T, w *World, seed uint64, index int, line randomLine, asNobody bool) {
	t.Helper()
	out, err := w.Check(env.ours, line.Args, asNobody, Comparison{Timers: line.Timers})
	if err != nil {
		t.Fatal(err)
	}
	desc := fmt.Sprintf("%s [reader %s; %s=%d, line %d]",
		describeArgs(line.Args, asNobody), w.Reader, envRandomSeed, seed, index)
	if out.Report != "" {
		t.Errorf("%s: output differs from %s (persisted over %d attempts)\n%s",
			desc, env.ref, out.Attempts, out.Report)
	} else if out.Attempts > 1 {
		t.Logf("%s: matched on retry; first attempt differed:\n%s", desc, out.FirstReport)
	}
}

// randomSeed returns NETSTAT_RANDOM_SEED or a seed taken from the clock.
func randomSeed(t *testing.T) uint64 {
	s := os.Getenv(envRandomSeed)
	if s == "" {
		return uint64(time.Now().UnixNano())
	}
	seed, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", envRandomSeed, s, err)
	}
	return seed
}

// randomCases returns NETSTAT_RANDOM_CASES or the default.
func randomCases(t *testing.T) int {
	s := os.Getenv(envRandomCases)
	if s == "" {
		return defaultRandomCases
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive number", envRandomCases, s)
	}
	return n
}

// TestRandomLineGrammar checks the generator without a world: the
// abbreviation rule agrees with the spec's examples, every line is one
// that net-tools' command line accepts (no usage error, no early exit),
// -o lines are flagged for the timer tolerance, -i and -s lines as
// counter lines, and a line depends only on its seed and index.
func TestRandomLineGrammar(t *testing.T) {
	for text, want := range map[string]string{
		"in": "", "u": "", "a": "", "n": "", "tc": "", "uni": "",
		"st": "=s", "rout": "=r", "numeric-h": "numeric-hosts",
		"ine": "af:inet", "inet": "af:inet", "unix": "af:unix", "ra": "=w",
	} {
		if got := longEffect(text); got != want {
			t.Errorf("longEffect(%q) = %q, want %q", text, got, want)
		}
	}
	const seed = 12345
	var nobody, timers int
	for i := range 2000 {
		line := generateLine(seed, i)
		argv := append([]string{"netstat"}, line.Args...)
		var stderr strings.Builder
		opts, exit, done := cli.Parse(argv, io.Discard, &stderr)
		if done {
			t.Fatalf("line %d %q: parse ended early with status %d: %s", i, line.Args, exit, stderr.String())
		}
		if counters := opts.Mode == cli.ModeInterfaces || opts.Mode == cli.ModeStatistics; line.Counters != counters {
			t.Errorf("line %d %q: Counters = %v in mode %d", i, line.Args, line.Counters, opts.Mode)
		}
		if stderr.Len() > 0 {
			t.Fatalf("line %d %q: parse wrote %q", i, line.Args, stderr.String())
		}
		if line.Timers != hasTimers(line.Args) {
			t.Errorf("line %d %q: Timers = %v", i, line.Args, line.Timers)
		}
		if again := generateLine(seed, i); strings.Join(again.Args, "\x00") != strings.Join(line.Args, "\x00") {
			t.Fatalf("line %d is not reproducible: %q then %q", i, line.Args, again.Args)
		}
		if line.AlsoNobody {
			nobody++
		}
		if line.Timers {
			timers++
		}
	}
	if nobody < 500 || nobody > 850 || timers == 0 {
		t.Errorf("of 2000 lines %d run as nobody (want about a third) and %d have -o", nobody, timers)
	}
}

// hasTimers reports whether words ask for -o: a bundle holding 'o' before
// any 'A', or a long word that abbreviates --timers. The word after one
// that takes -A's argument is skipped.
func hasTimers(words []string) bool {
	for k, w := range words {
		if k > 0 && takesFamilies(words[k-1]) {
			continue
		}
		if long, ok := strings.CutPrefix(w, "--"); ok {
			if longEffect(strings.SplitN(long, "=", 2)[0]) == "=o" {
				return true
			}
			continue
		}
		bundle, _, _ := strings.Cut(strings.TrimPrefix(w, "-"), "A")
		if strings.Contains(bundle, "o") {
			return true
		}
	}
	return false
}

// takesFamilies reports whether the word after w is -A's argument: w is a
// bundle ending in A, or --protocol (abbreviated or not) without "=".
func takesFamilies(w string) bool {
	if long, ok := strings.CutPrefix(w, "--"); ok {
		return longEffect(long) == "=A:"
	}
	return strings.HasPrefix(w, "-") && strings.HasSuffix(w, "A")
}
