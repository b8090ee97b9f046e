package main

import (
	"fmt"
	"os"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/jsonout"
	"github.com/gonetstat/netstat/internal/linux/procfd"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// printJSON prints the table the options chose as JSON (docs/json.md),
// with the same readers as the text tables. With -c each pass is one
// document on one line (JSON Lines); -s, as in the text, runs once.
func printJSON(opts *cli.Options, out *output, stderr *os.File, rows *filter.Spec) int {
	resolver := newResolver(opts)
	switch opts.Mode {
	case cli.ModeStatistics:
		return jsonout.Statistics(out, stderr, opts, procnet.Stats{Root: procRoot})
	case cli.ModeMasquerade:
		fmt.Fprintln(stderr, "netstat: --json has no masquerade table; --nat lists the tracked connections")
		return 1
	case cli.ModeRoutes:
		src := procnet.Routes{Root: procRoot}
		return repeat(opts, out, func() int { return jsonout.Routes(out, stderr, opts, src, resolver) })
	case cli.ModeInterfaces:
		src, rc := openInterfaces(stderr)
		if src == nil {
			return rc
		}
		defer src.Close()
		return repeat(opts, out, func() int { return jsonout.Interfaces(out, stderr, opts, src) })
	}
	// The JSON rows always carry the timer numbers, which the netlink
	// reader makes exact only when asked for the -o column.
	readerOpts := *opts
	readerOpts.Timers = true
	t := &jsonout.Sockets{
		Out:    out,
		Err:    stderr,
		Opts:   opts,
		Src:    socketSource(&readerOpts, rows),
		Names:  resolver,
		Owners: func() *owners.Index { return procfd.Scan(procRoot) },
		EUID:   os.Geteuid(),
	}
	if rows != nil { // a nil *filter.Spec must not become a non-nil interface
		t.Filter = sockets.RowFilter(rows)
	}
	if opts.Groups {
		// One reader for every pass, as the text listing keeps it.
		t.Groups = &procnet.Groups{Root: procRoot}
	}
	return repeat(opts, out, t.Pass)
}
