package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gonetstat/netstat/internal/diagnose"
	"github.com/gonetstat/netstat/internal/termsafe"
)

// checkTextWidth is the width the advice is wrapped to.
const checkTextWidth = 80

// writeCheckText writes the findings for a reader: each finding that is
// not ok in full (severity, check, title, the evidence indented, the
// advice after an arrow), then the ok ones one line each, then a summary
// line.
func writeCheckText(w io.Writer, fs []diagnose.Finding, worst diagnose.Severity) error {
	bw := bufio.NewWriter(w)
	count := map[diagnose.Severity]int{}
	for _, f := range fs {
		count[f.Severity]++
		label := strings.ToUpper(f.Severity.String())
		// Titles and evidence can name programs: on a terminal a newline
		// in a name must not start a line of its own.
		fmt.Fprintf(bw, "%-8s %s: %s\n", label, f.Check, termsafe.Inline(w, f.Title))
		if f.Severity == diagnose.OK {
			continue
		}
		for _, e := range f.Evidence {
			fmt.Fprintf(bw, "         %s\n", termsafe.Inline(w, e))
		}
		if f.Advice != "" {
			for i, line := range wrapWords(f.Advice, checkTextWidth-11) {
				lead := "         → "
				if i > 0 {
					lead = "           "
				}
				fmt.Fprintf(bw, "%s%s\n", lead, line)
			}
		}
		fmt.Fprintln(bw)
	}
	fmt.Fprintf(bw, "status: %s (%d critical, %d warning, %d ok)\n",
		worst, count[diagnose.Critical], count[diagnose.Warning], count[diagnose.OK])
	return bw.Flush()
}

// wrapWords cuts text into lines of at most width characters at blanks; a
// longer word gets a line of its own.
func wrapWords(text string, width int) []string {
	var lines []string
	var line strings.Builder
	for _, word := range strings.Fields(text) {
		if line.Len() > 0 && line.Len()+1+len(word) > width {
			lines = append(lines, line.String())
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(word)
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}
