package compat

import (
	"fmt"
	"strings"
)

// Outcome is the result of checking one argument list.
type Outcome struct {
	// Report is the difference report of the last attempt, "" on a match.
	Report string
	// Attempts is 1, or 2 when the first attempt mismatched.
	Attempts int
	// FirstReport is the report of a first attempt that mismatched.
	FirstReport string
}

// maxAttempts is how often a case is run: kernel state (a TIME_WAIT
// expiring, a keepalive firing) may change between the two runs of one
// attempt, so one retry is allowed; a mismatch that persists is a failure.
const maxAttempts = 2

// Check runs the reference and ours back to back with args inside the world
// (both as nobody when asNobody) and compares the results.
func (w *World) Check(ours string, args []string, asNobody bool, cmp Comparison) (Outcome, error) {
	var out Outcome
	for out.Attempts < maxAttempts {
		out.Attempts++
		ref, err := w.Run(env.ref, args, asNobody)
		if err != nil {
			return out, err
		}
		got, err := w.Run(ours, args, asNobody)
		if err != nil {
			return out, err
		}
		out.Report = cmp.Compare(ref, got)
		if out.Report == "" {
			return out, nil
		}
		if out.Attempts == 1 {
			out.FirstReport = out.Report
		}
	}
	return out, nil
}

// describeArgs renders an argument list the way a shell user would type it.
func describeArgs(args []string, asNobody bool) string {
	s := "netstat"
	for _, a := range args {
		if a == "" || strings.ContainsAny(a, " \t'\"") {
			a = fmt.Sprintf("%q", a)
		}
		s += " " + a
	}
	if asNobody {
		s += " (as nobody)"
	}
	return s
}
