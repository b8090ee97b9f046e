package churn

import (
	"fmt"
	"strings"
)

// checker validates the stdout of one run against the layout of its mode.
type checker struct {
	procs  *procSet
	shapes *shapeSet
	dir    string // where the churn makes UNIX socket files
}

// check returns the problems in out, the stdout of `netstat args`. -s
// output is checked later against the reference shapes (see deferred).
func (c *checker) check(args string, out string) []string {
	if !strings.HasSuffix(out, "\n") {
		return []string{fmt.Sprintf("stdout does not end with a newline (%d bytes)", len(out))}
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	switch args {
	case "-tanp":
		return rows(lines, []string{inetTitle, inetHeadP}, args, c.checkRow)
	case "-tanpe":
		return rows(lines, []string{inetTitle, inetHeadPE}, args, c.checkRow)
	case "-xp":
		return rows(lines, []string{unixTitle, unixHeadP}, args, c.checkRow)
	case "-i":
		return rows(lines, []string{ifaceTitle, ifaceHead}, args, c.checkRow)
	case "-s":
		return nil
	}
	return []string{"no layout for " + args}
}

// checkRow checks one row (a line after the headers) of `netstat args`.
func (c *checker) checkRow(args, line string) error {
	switch args {
	case "-tanp", "-tanpe":
		return checkInetRow(line, args == "-tanpe", c.procs)
	case "-xp":
		return checkUnixRow(line, c.procs, c.dir)
	case "-i":
		return checkIfaceRow(line)
	}
	return fmt.Errorf("no row layout for %s", args)
}

// deferred checks a -s output against the reference shapes gathered so far.
func (c *checker) deferred(out string) []string {
	var problems []string
	unknown, sectionsKnown := c.shapes.unknown(out)
	for _, l := range unknown {
		problems = append(problems, fmt.Sprintf("line %q has no counterpart in /usr/bin/netstat -s", l))
	}
	if !sectionsKnown {
		problems = append(problems, fmt.Sprintf("sections %q differ from /usr/bin/netstat -s", sections(out)))
	}
	return problems
}

// rows checks the header lines exactly, then every row with row.
func rows(lines, headers []string, args string, row func(args, line string) error) []string {
	var problems []string
	for i, h := range headers {
		if i >= len(lines) || lines[i] != h {
			got := "(missing)"
			if i < len(lines) {
				got = fmt.Sprintf("%q", lines[i])
			}
			return []string{fmt.Sprintf("header line %d is %s, want %q", i+1, got, h)}
		}
	}
	for i, l := range lines[len(headers):] {
		if err := row(args, l); err != nil {
			problems = append(problems, fmt.Sprintf("line %d %q: %v", len(headers)+i+1, l, err))
		}
	}
	return problems
}
