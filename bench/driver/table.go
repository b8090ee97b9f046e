package main

import (
	"fmt"
	"io"
	"time"
)

// printTable writes a Markdown table with one line per case: our minimum
// and median ms, the medians of net-tools, ss and the kernel bound, the
// paired ratios of ours to net-tools and to ss (median over repetitions
// of the ratio within one repetition), and peak RSS in MiB (largest of the
// runs).
func printTable(w io.Writer, c *config, f *farm, r *results) {
	fmt.Fprintf(w, "\nN = %d (%d sockets made by %d holders); %d rounds; ms are min/median, ratios are medians of paired ratios\n\n",
		c.size, f.sockets, len(f.holders), c.reps)
	fmt.Fprintln(w, "| args | ours ms | netstat ms | ss ms | kernel bound ms | ours/netstat | ours/ss | RSS MiB ours/netstat/ss |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	for ci, bc := range cases {
		s := r.samples[ci]
		var st [nTools]stats
		for t := range nTools {
			st[t] = summarize(s[t])
		}
		fmt.Fprintf(w, "| `%s` | %s | %s | %s | %s | %s | %s | %s/%s/%s |\n", bc.name,
			cell(st[ours]), med(st[netstat]), med(st[ss]), med(st[kernel]),
			paired(s[ours], s[netstat]), paired(s[ours], s[ss]),
			rss(st[ours]), rss(st[netstat]), rss(st[ss]))
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

func med(s stats) string {
	if s.n == 0 {
		return "-"
	}
	return ms(s.med)
}

func paired(a, b []sample) string {
	r, ok := pairedRatio(a, b)
	if !ok {
		return "-"
	}
	return fmt.Sprintf("%.2f", r)
}

func rss(s stats) string {
	if s.n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", float64(s.maxRSS)/1024)
}

// printExporter writes the lines on the exporter that follow the table:
// the paired ratio of a scrape to our -tan (same repetition), the number
// of netstat_ series in a scrape, and the exporter's peak RSS so far.
func printExporter(w io.Writer, e *exporter, r *results) {
	fmt.Fprintln(w)
	ratio := "-"
	if sc, tan := caseIndex(scrapeCase), caseIndex(tanCase); sc >= 0 && tan >= 0 {
		ratio = paired(r.samples[sc][ours], r.samples[tan][ours])
	}
	fmt.Fprintf(w, "exporter scrape / ours -tan: %s (paired)\n", ratio)
	fmt.Fprintf(w, "exporter series: %d netstat_* series\n", e.series)
	if kib, err := e.peakRSS(); err != nil {
		fmt.Fprintf(w, "exporter peak RSS: - (%v)\n", err)
	} else {
		fmt.Fprintf(w, "exporter peak RSS: %.1f MiB\n", float64(kib)/1024)
	}
}
