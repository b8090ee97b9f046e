package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// printTable writes one line per case: min/median ms of each tool, the
// ratios of our median to net-tools' and ss's, and peak RSS in MiB.
func printTable(w io.Writer, c *config, r *results) {
	fmt.Fprintf(w, "\n%d runs each (min/median ms), peak RSS in MiB; ratios are of medians\n\n", c.reps)
	fmt.Fprintf(w, "%-6s | %-17s | %-17s | %-17s | %-15s | %8s | %6s | %s\n",
		"args", "ours", "netstat", "ss", "kernel bound", "/netstat", "/ss", "RSS ours/nt/ss")
	fmt.Fprintln(w, strings.Repeat("-", 122))
	for ci, bc := range cases {
		var st [nTools]stats
		for t := range nTools {
			st[t] = summarize(r.samples[ci][t])
		}
		fmt.Fprintf(w, "%-6s | %-17s | %-17s | %-17s | %-15s | %8s | %6s | %s\n", bc.name,
			cell(st[ours]), cell(st[netstat]), cell(st[ss]), cell(st[kernel]),
			ratio(st[ours], st[netstat]), ratio(st[ours], st[ss]),
			rss(st[ours])+"/"+rss(st[netstat])+"/"+rss(st[ss]))
	}
	if !r.complete {
		fmt.Fprintln(w, "\n(deadline reached: some repetitions did not run)")
	}
	for ci, bc := range cases {
		for t := range nTools {
			if summarize(r.samples[ci][t]).anyFailed {
				fmt.Fprintf(w, "note: %s %s failed or was killed in some run\n", toolNames[t], bc.name)
			}
		}
	}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/1e6) }

func cell(s stats) string {
	if s.n == 0 {
		return "-"
	}
	return ms(s.min) + "/" + ms(s.med)
}

func ratio(a, b stats) string {
	if a.n == 0 || b.n == 0 || b.med == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", float64(a.med)/float64(b.med))
}

func rss(s stats) string {
	if s.n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", float64(s.maxRSS)/1024)
}
