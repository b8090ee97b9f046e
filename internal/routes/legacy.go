package routes

import (
	"syscall"

	"github.com/gonetstat/netstat/internal/cerr"
)

// legacy prints the routing table of an old family (AX.25, NET/ROM, ROSE,
// IPX, AppleTalk, X.25). Their /proc files only exist with those kernel
// modules loaded; this implementation prints net-tools' messages for the
// missing tables and refuses the tables themselves.
func (p *printer) legacy(family string) int {
	switch family {
	case "ax25":
		if err := p.src.Table("ax25_route"); err != nil {
			p.perror("/proc/net/ax25_route", err)
			p.outf("AX.25 not configured in this system.\n")
			return exitNoSupp
		}
	case "netrom":
		errNodes, errNeigh := p.src.Table("nr_nodes"), p.src.Table("nr_neigh")
		if errNodes != nil {
			p.perror("/proc/net/nr_nodes", errNodes)
			if errNeigh != nil {
				// The first perror leaves errno at EINVAL.
				errNeigh = syscall.EINVAL
			}
		}
		if errNeigh != nil {
			p.perror("/proc/net/nr_neigh", errNeigh)
		}
		if errNodes != nil || errNeigh != nil {
			p.outf("NET/ROM not configured in this system.\n")
			return exitNoSupp
		}
	case "rose":
		if err := p.src.Table("rose_nodes"); err != nil {
			p.perror("/proc/net/rose_nodes", err)
			p.errf("ROSE not configured in this system.\n")
			return exitNoSupp
		}
	case "ipx":
		if p.src.Table("ipx/route") != nil {
			if err := p.src.Table("ipx_route"); err != nil {
				p.errf(cerr.Reason(err) + "\n")
				p.outf("IPX routing not in file /proc/net/ipx/route or /proc/net/ipx_route found.\n")
				return exitNoSupp
			}
		}
	case "ddp":
		if err := p.src.Table("atalk_route"); err != nil {
			p.perror("Error opening /proc/net/atalk_route", err)
			p.errf("DDP (AppleTalk) not configured on this system.\n")
			return exitNoSupp
		}
	case "x25":
		if p.src.Table("x25/route") != nil && p.src.Table("x25_routes") != nil {
			p.outf("X.25 not configured in this system.\n")
			return exitNoSupp
		}
	}
	p.errf("netstat: the " + family + " routing table is not supported.\n")
	return exitNoSupp
}
