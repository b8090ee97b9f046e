package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/linux/procfd"
	"github.com/gonetstat/netstat/internal/names"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/gonetstat/netstat/internal/tally"
)

// countSockets prints --summary and/or --count=KEY: it reads the sockets
// the text listing would show (same -t/-u/-w/-x, -4/-6, -a/-l selection,
// same filters), counts them instead of printing them, and prints the
// counts as text, or as JSON with --json (one document per count).
func countSockets(opts *cli.Options, out *output, stderr *os.File, rows *filter.Spec) int {
	resolver := newResolver(opts)
	if opts.Count != "" {
		// Check the key once, before any pass.
		if _, err := tally.NewCounts(opts.Count, resolver, opts.NumericUsers); err != nil {
			fmt.Fprintf(stderr, "netstat: %v\n", err)
			return cli.ExitUsage
		}
	}
	src := socketSource(opts, rows)
	// With -c every pass counts afresh and prints its block (or its JSON
	// documents, one per line).
	return repeat(opts, out, func() int { return countPass(opts, out, stderr, rows, src, resolver) })
}

// countPass counts the sockets of one listing pass and prints the counts.
func countPass(opts *cli.Options, out *output, stderr *os.File, rows *filter.Spec, src sockets.Source, resolver *names.Resolver) int {
	c := &tally.Collector{}
	if rows != nil {
		c.Keep = rows
	}
	if opts.Summary {
		c.Summary = tally.NewSummary()
	}
	if opts.Count != "" {
		c.Counts, _ = tally.NewCounts(opts.Count, resolver, opts.NumericUsers) // checked by countSockets
	}
	l := &sockets.Listing{
		Out:    io.Discard, // only the counts are printed
		Err:    stderr,
		Opts:   opts,
		Src:    src,
		Names:  resolver,
		Owners: func() *owners.Index { return procfd.Scan(procRoot) },
		EUID:   os.Geteuid(),
		Filter: c,
	}
	rc := l.Pass()
	if rc == 255 {
		return rc
	}
	counted := countedText(opts, rows != nil)
	var err error
	if c.Summary != nil {
		if opts.JSON {
			err = c.Summary.WriteJSON(out, counted)
		} else {
			err = c.Summary.WriteText(out, counted)
		}
	}
	if c.Counts != nil && err == nil {
		switch {
		case opts.JSON:
			err = c.Counts.WriteJSON(out, counted, opts.Top)
		case c.Summary != nil:
			if _, err = io.WriteString(out, "\n"); err == nil {
				err = c.Counts.WriteText(out, counted, opts.Top)
			}
		default:
			err = c.Counts.WriteText(out, counted, opts.Top)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "netstat: %v\n", err)
		return 1
	}
	return rc
}

// countedText says which sockets were counted, in the words of the
// options: "tcp, udp and unix sockets, IPv4 only, listening only,
// filtered".
func countedText(opts *cli.Options, filtered bool) string {
	all := opts.SocketKinds == 0
	var kinds []string
	for _, k := range []struct {
		on   bool
		name string
	}{{opts.TCP, "tcp"}, {opts.UDP, "udp"}, {opts.UDPLite, "udplite"}, {opts.Raw, "raw"}} {
		if all || k.on {
			kinds = append(kinds, k.name)
		}
	}
	inet := len(kinds) > 0
	if all || opts.Unix {
		kinds = append(kinds, "unix")
	}
	var b strings.Builder
	switch n := len(kinds); n {
	case 0:
		b.WriteString("no socket kind")
	case 1:
		b.WriteString(kinds[0])
	default:
		b.WriteString(strings.Join(kinds[:n-1], ", ") + " and " + kinds[n-1])
	}
	b.WriteString(" sockets")
	if inet && !all && opts.Inet != opts.Inet6 {
		if opts.Inet {
			b.WriteString(", IPv4 only")
		} else {
			b.WriteString(", IPv6 only")
		}
	}
	switch {
	case opts.All:
		b.WriteString(", all states")
	case opts.Listening:
		b.WriteString(", listening only")
	default:
		b.WriteString(", not listening")
	}
	if filtered {
		b.WriteString(", filtered")
	}
	return b.String()
}
