// Package diagnose looks at two samples of a host's network state, taken
// an interval apart, and says what is wrong: one Finding per check, each
// with a severity, the evidence and what to run or change next. It reads
// no kernel itself: the samples come from a snapshot.Sampler.
package diagnose

import (
	"fmt"
	"slices"
)

// Severity is how bad a finding is, in the Nagios order: OK < Warning <
// Critical.
type Severity int

// The severities, mildest first.
const (
	OK Severity = iota
	Warning
	Critical
)

// String returns "ok", "warning" or "critical".
func (s Severity) String() string {
	switch s {
	case OK:
		return "ok"
	case Warning:
		return "warning"
	case Critical:
		return "critical"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText gives the severity's name, so JSON shows "warning", not 1.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is the result of one check.
type Finding struct {
	// Check is the check's stable id, such as "listen-overflow".
	Check    string   `json:"check"`
	Severity Severity `json:"severity"`
	// Title says in one line what was found.
	Title string `json:"title"`
	// Evidence holds the numbers behind the title: counters and their
	// rise, the sockets or programs involved, the sysctls and their values.
	Evidence []string `json:"evidence"`
	// Advice is the next thing to run or change; empty when nothing needs
	// doing.
	Advice string `json:"advice,omitempty"`
}

// Worst returns the highest severity of fs, OK when fs is empty.
func Worst(fs []Finding) Severity {
	w := OK
	for _, f := range fs {
		w = max(w, f.Severity)
	}
	return w
}

// sortWorstFirst orders fs by severity, worst first, keeping the checks'
// order among equals.
func sortWorstFirst(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int { return int(b.Severity) - int(a.Severity) })
}

// grade returns Critical when v is at or above crit, Warning when at or
// above warn, and OK otherwise.
func grade(v, warn, crit float64) Severity {
	switch {
	case v >= crit:
		return Critical
	case v >= warn:
		return Warning
	}
	return OK
}

// gradeAbove is grade with strict comparisons: for rates, where a
// threshold of 0 means "any rise at all".
func gradeAbove(v, warn, crit float64) Severity {
	switch {
	case v > crit:
		return Critical
	case v > warn:
		return Warning
	}
	return OK
}
