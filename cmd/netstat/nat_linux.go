package main

import (
	"fmt"
	"os"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/linux/conntrack"
	"github.com/gonetstat/netstat/internal/nat"
	"github.com/gonetstat/netstat/internal/owners"
)

// natTable prints --nat: the connection tracking table of the current
// network namespace with what the kernel translates, as text or (--json)
// JSON, once or with -c every second. rows, when not nil, keeps the flows
// whose original direction, seen as a socket (local end = original
// source), passes the socket filters.
func natTable(opts *cli.Options, out *output, stderr *os.File, rows *filter.Spec) int {
	if opt := ownerFilter(opts.Filters); opt != "" {
		fmt.Fprintf(stderr, "netstat: --%s does not apply to --nat: tracked connections have no owning process or user\n", opt)
		return cli.ExitUsage
	}
	var names nat.Namer
	if !opts.JSON && (!opts.NumericHosts || !opts.NumericPorts) {
		names = newResolver(opts)
	}
	var table conntrack.Table
	return repeat(opts, out, func() int {
		flows, err := table.Flows()
		if err != nil {
			fmt.Fprintf(stderr, "netstat: %v\n", err)
			return 1
		}
		flows = keepFlows(flows, rows)
		nat.SortFlows(flows)
		if opts.JSON {
			err = nat.WriteFlowsJSON(out, flows)
		} else {
			err = nat.PrintFlows(out, opts, flows, names)
		}
		if err != nil {
			fmt.Fprintf(stderr, "netstat: %v\n", err)
			return 1
		}
		return 0
	})
}

// keepFlows drops, in place, the flows rows does not keep.
func keepFlows(flows []nat.Flow, rows *filter.Spec) []nat.Flow {
	if rows == nil {
		return flows
	}
	kept := flows[:0]
	for i := range flows {
		s := flows[i].Socket()
		if rows.Inet(&s, owners.Owner{}, false) {
			kept = append(kept, flows[i])
		}
	}
	return kept
}

// ownerFilter names the first given filter option that asks about a
// socket's process or user, which a tracked connection does not have.
func ownerFilter(f cli.Filters) string {
	switch {
	case f.PID != "":
		return "pid"
	case f.Program != "":
		return "program-name"
	case f.User != "":
		return "user"
	}
	return ""
}
