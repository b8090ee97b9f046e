package compat

import (
	"strings"
	"testing"
)

// socketCase is one row of the case table: the netstat arguments (split on
// blanks; "" means no arguments) and whether the output carries -o timers.
type socketCase struct {
	args   string
	timers bool
}

// rootCases run as root, against the populated world.
var rootCases = []socketCase{
	{args: ""},
	{args: "-a"},
	{args: "-l"},
	{args: "-n"},
	{args: "-an"},
	{args: "-ln"},
	{args: "-t"},
	{args: "-u"},
	{args: "-w"},
	{args: "-x"},
	{args: "-tn"},
	{args: "-tan"},
	{args: "-tln"},
	{args: "-uan"},
	{args: "-wan"},
	{args: "-xa"},
	{args: "-xl"},
	{args: "-xp"},
	{args: "-xap"},
	{args: "-tulpn"},
	{args: "-plunte"},
	{args: "-apA inet"},
	{args: "-A inet6 -an"},
	{args: "-A inet,unix -an"},
	{args: "-4 -an"},
	{args: "-6 -an"},
	{args: "-4 -x -an"},
	{args: "-tapee"},
	{args: "-tane"},
	{args: "-tanW"},
	{args: "-taW"},
	{args: "-ta"},
	{args: "-tanp"},
	{args: "-tanpo", timers: true},
	{args: "-tano", timers: true},
	{args: "-uano", timers: true},
	{args: "-wano", timers: true},
	{args: "-ao", timers: true},
	{args: "-ae"},
	{args: "-ap"},
	{args: "-aWe"},
	{args: "--numeric-hosts -ta"},
	{args: "--numeric-ports -ta"},
	{args: "--numeric-users -tae"},
	{args: "-N -ta"},
	{args: "-v"},
	{args: "-av"},
	{args: "-S"},
	{args: "-tS"},
	{args: "-Sa"},
	{args: "-U -an"},
	{args: "-2"},
	{args: "-f"},
	{args: "-tan --bluetooth"},
	{args: "--ipx"},
	{args: "--ax25"},
	// There is no delay argument: a trailing number is ignored.
	{args: "-tln 5"},
	{args: "-an 5"},
}

// nobodyCases run with both sides as uid/gid 65534, so -p sees only the
// nobody holder and prints its warning.
var nobodyCases = []socketCase{
	{args: "-tanp"},
	{args: "-xp"},
	{args: "-ap"},
	{args: "-tulpn"},
	{args: "-plunte"},
	{args: "-ae"},
	{args: "-an"},
	{args: "-l"},
	{args: "-xl"},
	{args: "-tlnpe"},
	{args: "-ao", timers: true},
	{args: "-Sa"},
	{args: "-v"},
	{args: "-g"},
	{args: "-rn"},
	{args: "-r"},
	{args: "-rC"},
	{args: "-r -6"},
	{args: "-in"},
	{args: "-ie"},
	{args: "-s"},
	{args: "-s -6"},
	{args: "-M"},
}

// TestSocketListing builds one world and compares the socket listing of the
// reference and ours for every case, as root and as nobody, then checks
// continuous mode and that the harness really detects a difference.
func TestSocketListing(t *testing.T) {
	requireEnv(t)
	w := NewWorld(t)
	w.Populate(t)

	// Every case runs with each of our socket readers: netlink sock_diag
	// (with its /proc fallback) and /proc/net alone.
	for _, reader := range []string{"netlink", "proc"} {
		w.Reader = reader
		t.Run(reader+"/root", func(t *testing.T) { runCases(t, w, rootCases, false) })
		t.Run(reader+"/nobody", func(t *testing.T) { runCases(t, w, nobodyCases, true) })
	}
	w.Reader = ""
	t.Run("continuous", func(t *testing.T) { testContinuous(t, w) })
	t.Run("selfcheck", func(t *testing.T) { testSelfCheck(t, w) })
}

// runCases runs each case as a subtest.
func runCases(t *testing.T, w *World, cases []socketCase, asNobody bool) {
	for _, c := range cases {
		name := c.args
		if name == "" {
			name = "(no args)"
		}
		t.Run(name, func(t *testing.T) {
			args := strings.Fields(c.args)
			out, err := w.Check(env.ours, args, asNobody, Comparison{Timers: c.timers})
			if err != nil {
				t.Fatal(err)
			}
			desc := describeArgs(args, asNobody)
			if out.Report != "" {
				t.Errorf("%s: output differs from %s (persisted over %d attempts)\n%s",
					desc, env.ref, out.Attempts, out.Report)
			} else if out.Attempts > 1 {
				t.Logf("%s: matched on retry; first attempt differed:\n%s", desc, out.FirstReport)
			}
		})
	}
}
