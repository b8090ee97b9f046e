package main

import (
	"fmt"
	"os"

	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/filter"
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

// dispatch prints the table the options chose, with the Linux readers, in
// the network namespaces the options name (the current one by default).
func dispatch(opts *cli.Options, out *output, stderr *os.File) int {
	if opts.NetNS != "" || opts.AllNetNS {
		return inNamespaces(opts, out, stderr, dispatchHere)
	}
	return dispatchHere(opts, out, stderr)
}

// dispatchHere prints the chosen table of the current network namespace:
// one of the extension views, or a net-tools table.
func dispatchHere(opts *cli.Options, out *output, stderr *os.File) int {
	spec, err := filter.Parse(opts.Filters)
	if err != nil {
		fmt.Fprintf(stderr, "netstat: %v\n", err)
		return cli.ExitUsage
	}
	switch {
	case opts.Check:
		return checkHost(opts, out, stderr)
	case opts.NAT:
		return natTable(opts, out, stderr, spec)
	case opts.Watch > 0:
		return watchTables(opts, out, stderr, spec)
	case opts.Summary || opts.Count != "":
		return countSockets(opts, out, stderr, spec)
	case opts.JSON:
		return printJSON(opts, out, stderr, spec)
	}
	return netToolsTable(opts, out, stderr, spec)
}

// netToolsTable prints a net-tools table, exactly as net-tools does; rows,
// when set, drops socket rows (the filter options).
func netToolsTable(opts *cli.Options, out *output, stderr *os.File, spec *filter.Spec) int {
	resolver := newResolver(opts)
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
		src, rc := openInterfaces(stderr)
		if src == nil {
			return rc
		}
		defer src.Close()
		links.PrintTitle(out) // once, even with -c
		return repeat(opts, out, func() int { return links.Print(out, stderr, opts, src) })
	default:
		src := socketSource(opts, spec)
		if _, netlink := src.(sockets.Fallback); opts.TCPInfo && !netlink {
			sockets.WarnNoTCPInfo(stderr, "the /proc/net reader (NETSTAT_READER=proc, or netlink refused) has none")
			opts.TCPInfo = false
		}
		l := &sockets.Listing{
			Out:    out,
			Err:    stderr,
			Opts:   opts,
			Src:    src,
			Names:  resolver,
			Owners: func() *owners.Index { return procfd.Scan(procRoot) },
			EUID:   os.Geteuid(),
		}
		if spec != nil { // a nil *filter.Spec must not become a non-nil interface
			l.Filter = spec
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

// openInterfaces opens the interface reader of -i, or says why it cannot
// (as net-tools words a failed socket(2)) and returns the exit status.
func openInterfaces(stderr *os.File) (*linkinfo.Source, int) {
	src, err := linkinfo.New()
	if err != nil {
		fmt.Fprintf(stderr, "socket: %s\n", cerr.Text(err))
		return nil, 1
	}
	return src, 0
}

// newResolver returns the name resolver the options ask for. Zero values
// (options not given) select the names package defaults.
func newResolver(opts *cli.Options) *names.Resolver {
	return names.New(names.Config{Timeout: opts.DNSTimeout, Budget: opts.DNSBudget, Parallel: opts.DNSParallel})
}

// readerEnv names the environment variable that picks the socket reader:
// "proc" reads only /proc/net; anything else (the default) asks the kernel
// through netlink sock_diag first and falls back to /proc/net for what
// netlink cannot serve exactly (UNIX, SCTP, RAW without raw_diag) or when
// netlink is refused.
const readerEnv = "NETSTAT_READER"

// socketSource returns the reader for the socket listing.
func socketSource(opts *cli.Options, spec *filter.Spec) sockets.Source {
	proc := procnet.FS{Root: procRoot}
	if os.Getenv(readerEnv) == "proc" {
		return proc
	}
	nl, err := sockdiag.Open()
	if err != nil {
		return proc
	}
	nl.States = sockets.StateMask(opts.All, opts.Listening)
	// --state narrows the kernel's dump too; the listing still checks
	// every row.
	nl.States = spec.NarrowStates(nl.States)
	// So do --port, --sport, --dport and --addr, as a filter program
	// (TCP, UDP, UDP-Lite); the kernel may keep more, never less.
	ports := func(l []filter.PortRange) []sockdiag.PortRange {
		var out []sockdiag.PortRange
		for _, r := range l {
			out = append(out, sockdiag.PortRange{Lo: r.Lo, Hi: r.Hi})
		}
		return out
	}
	nl.Match = sockdiag.Match{
		Ports:       ports(spec.Ports()),
		LocalPorts:  ports(spec.LocalPorts()),
		RemotePorts: ports(spec.RemotePorts()),
		Prefixes:    spec.Prefixes(),
	}
	nl.Timers = opts.Timers
	nl.TCPInfo = opts.TCPInfo
	// One TCP dump for both families when the listing reads both.
	nl.BothFamilies = opts.SocketKinds == 0 || opts.Inet && opts.Inet6
	return sockets.Fallback{Primary: nl, Secondary: proc}
}
