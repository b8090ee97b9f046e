package churn

import (
	"regexp"
	"strings"
	"sync"
)

// The -s listing has no columns: it is a sequence of section titles
// ("Tcp:") and indented counter lines whose wording comes from tables. Its
// layout is checked by shape: each line with every run of digits replaced
// by "N" must be a shape that /usr/bin/netstat -s printed in the same
// namespace during the test (counters only grow, so lines that appear only
// when non-zero are covered by the reference runs at the end).

// digitRuns matches what shape replaces.
var digitRuns = regexp.MustCompile(`[0-9]+`)

// shape returns line with its numbers replaced by N.
func shape(line string) string { return digitRuns.ReplaceAllString(line, "N") }

// shapeSet collects the line shapes and section sequences seen in
// reference -s output.
type shapeSet struct {
	mu       sync.Mutex
	lines    map[string]bool
	sections map[string]bool
}

func newShapeSet() *shapeSet {
	return &shapeSet{lines: map[string]bool{}, sections: map[string]bool{}}
}

// addReference records the shapes of one reference -s output.
func (s *shapeSet) addReference(out string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		s.lines[shape(line)] = true
	}
	s.sections[sections(out)] = true
}

// unknown returns the lines of out whose shape no reference printed, and
// whether its sequence of section titles is one a reference printed.
func (s *shapeSet) unknown(out string) (lines []string, sectionsKnown bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !s.lines[shape(line)] {
			lines = append(lines, line)
		}
	}
	return lines, s.sections[sections(out)]
}

// sections returns the section titles of a -s output, one per line.
func sections(out string) string {
	var b strings.Builder
	for _, line := range strings.Split(out, "\n") {
		if line != "" && line[0] != ' ' {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}
