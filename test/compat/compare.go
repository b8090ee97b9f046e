package compat

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// timerTolerance is how far (in seconds) the time value of a `-o` timer
// field may differ between the two runs, which happen a few milliseconds
// apart while the kernel timers keep counting down.
const timerTolerance = 1.0

// timerRE matches the "(T/RETR/TIMEOUT)" part of a -o timer field; only T
// (group 1) gets the tolerance.
var timerRE = regexp.MustCompile(`\((\d+\.\d\d)/(-?\d+)/(-?\d+)\)`)

// Comparison says how two results are compared.
type Comparison struct {
	// Timers enables the tolerance for -o timer values on stdout.
	Timers bool
}

// Compare returns a readable report of the differences between the
// reference result and ours, or "" when they match.
func (c Comparison) Compare(ref, ours Result) string {
	var sb strings.Builder
	if ref.Status != ours.Status {
		fmt.Fprintf(&sb, "exit status: reference %q, ours %q\n", ref.Status, ours.Status)
	}
	if !c.sameStdout(string(ref.Stdout), string(ours.Stdout)) {
		same := equalLines
		if c.Timers {
			sb.WriteString("stdout differs (timer values within ±" +
				strconv.FormatFloat(timerTolerance, 'f', 1, 64) + "s are not shown as differences):\n")
			same = sameOrTimersClose
		} else {
			sb.WriteString("stdout differs:\n")
		}
		sb.WriteString(UnifiedDiffFunc("reference stdout", "ours stdout", string(ref.Stdout), string(ours.Stdout), same))
	}
	if string(ref.Stderr) != string(ours.Stderr) {
		sb.WriteString("stderr differs:\n")
		sb.WriteString(UnifiedDiff("reference stderr", "ours stderr", string(ref.Stderr), string(ours.Stderr)))
	}
	return sb.String()
}

// sameStdout compares stdout byte for byte, or, with Timers, byte for byte
// except for timer values within timerTolerance.
func (c Comparison) sameStdout(ref, ours string) bool {
	if ref == ours {
		return true
	}
	if !c.Timers {
		return false
	}
	a, b := strings.Split(ref, "\n"), strings.Split(ours, "\n")
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !sameOrTimersClose(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameOrTimersClose is the line equivalence used with Timers.
func sameOrTimersClose(a, b string) bool {
	return a == b || timersClose(a, b)
}

// timersClose reports whether two lines are identical once their timer
// values are masked, and every pair of timer values is within tolerance.
func timersClose(a, b string) bool {
	ma, mb := timerRE.FindAllStringSubmatchIndex(a, -1), timerRE.FindAllStringSubmatchIndex(b, -1)
	if len(ma) == 0 || len(ma) != len(mb) {
		return false
	}
	if maskTimers(a, ma) != maskTimers(b, mb) {
		return false
	}
	for k := range ma {
		ta, errA := strconv.ParseFloat(a[ma[k][2]:ma[k][3]], 64)
		tb, errB := strconv.ParseFloat(b[mb[k][2]:mb[k][3]], 64)
		if errA != nil || errB != nil || ta-tb > timerTolerance || tb-ta > timerTolerance {
			return false
		}
	}
	return true
}

// maskTimers replaces each timer value (submatch 1 of each match) by "#".
func maskTimers(line string, matches [][]int) string {
	var sb strings.Builder
	last := 0
	for _, m := range matches {
		sb.WriteString(line[last:m[2]])
		sb.WriteByte('#')
		last = m[3]
	}
	sb.WriteString(line[last:])
	return sb.String()
}
