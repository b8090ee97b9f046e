package main

import (
	"fmt"
	"os"

	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/groups"
	"github.com/gonetstat/netstat/internal/links"
	"github.com/gonetstat/netstat/internal/linux/linkinfo"
	"github.com/gonetstat/netstat/internal/linux/procfd"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/linux/sockdiag"
	"github.com/gonetstat/netstat/internal/names"
	"github.com/gonetstat/netstat/internal/nat"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/routes"
	"github.com/gonetstat/netstat/internal/sockets"
)

// procRoot is where the Linux readers find the kernel's tables.
const procRoot = "/proc"

// dispatch prints the table the options chose, with the Linux readers.
func dispatch(opts *cli.Options, out *output, stderr *os.File) int {
	// Zero values (options not given) select the names package defaults.
	resolver := names.New(names.Config{Timeout: opts.DNSTimeout, Budget: opts.DNSBudget, Parallel: opts.DNSParallel})
	switch opts.Mode {
	case cli.ModeStatistics:
		// -s never repeats, even with -c.
		return counters.Print(out, stderr, opts, procnet.Stats{Root: procRoot})
	case cli.ModeMasquerade:
		return nat.Print(out, stderr, opts, procnet.Masquerade{Root: procRoot})
	case cli.ModeRoutes:
		src := procnet.Routes{Root: procRoot}
		return repeat(opts, out, func() int { return routes.Print(out, stderr, opts, src, resolver) })
	case cli.ModeInterfaces:
		src, err := linkinfo.New()
		if err != nil {
			fmt.Fprintf(stderr, "socket: %s\n", cerr.Text(err))
			return 1
		}
		defer src.Close()
		links.PrintTitle(out) // once, even with -c
		return repeat(opts, out, func() int { return links.Print(out, stderr, opts, src) })
	default:
		l := &sockets.Listing{
			Out:    out,
			Err:    stderr,
			Opts:   opts,
			Src:    socketSource(opts),
			Names:  resolver,
			Owners: func() *owners.Index { return procfd.Scan(procRoot) },
			EUID:   os.Geteuid(),
		}
		if opts.Groups {
			// One reader for every pass: net-tools' igmp parser keeps its
			// state from one pass to the next, and so does this one.
			memberships := &procnet.Groups{Root: procRoot}
			l.Groups = func() int { return groups.Print(out, stderr, opts, memberships, resolver) }
		}
		return repeat(opts, out, l.Pass)
	}
}

// readerEnv names the environment variable that picks the socket reader:
// "proc" reads only /proc/net; anything else (the default) asks the kernel
// through netlink sock_diag first and falls back to /proc/net for what
// netlink cannot serve exactly (UNIX, SCTP, RAW without raw_diag) or when
// netlink is refused.
const readerEnv = "NETSTAT_READER"

// socketSource returns the reader for the socket listing.
func socketSource(opts *cli.Options) sockets.Source {
	proc := procnet.FS{Root: procRoot}
	if os.Getenv(readerEnv) == "proc" {
		return proc
	}
	nl, err := sockdiag.Open()
	if err != nil {
		return proc
	}
	nl.States = sockets.StateMask(opts.All, opts.Listening)
	nl.Timers = opts.Timers
	// One TCP dump for both families when the listing reads both.
	nl.BothFamilies = opts.SocketKinds == 0 || opts.Inet && opts.Inet6
	return sockets.Fallback{Primary: nl, Secondary: proc}
}
