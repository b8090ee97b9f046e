package routes

import (
	"github.com/gonetstat/netstat/internal/addrtext"
	"github.com/gonetstat/netstat/internal/cfmt"
)

// Texts and formats of net-tools' lib/inet6_gr.c.
const (
	pathRoute6 = "/proc/net/ipv6_route"

	inet6NotConfigured = "INET6 (IPv6) not configured in this system.\n"
	fib6Title          = "Kernel IPv6 routing table\n"
	cache6Title        = "Kernel IPv6 routing cache\n"
	fib6Header         = "Destination                    Next Hop                   Flag Met Ref  Use If\n"
	fib6Row            = "%-30s %-26s %-4s %-3d %-1d %6d %s\n"
)

// inet6 prints the IPv6 table(s), as INET6_rprint.
func (p *printer) inet6() int {
	rc := 2 // E_INTERN
	if p.set.fib {
		if rc = p.fib6(false); rc != exitOK {
			return rc
		}
	}
	if p.set.cache {
		if rc = p.cache6(); rc != exitOK {
			return rc
		}
	}
	return rc
}

// cache6 is rprint_cache6: the neighbour table of /proc/net/ndisc, which
// Linux stopped providing in 2.2; without it, the RTF_CACHE routes.
func (p *printer) cache6() int {
	if err := p.src.Table("ndisc"); err != nil {
		return p.fib6(true)
	}
	p.errf("netstat: the IPv6 neighbour cache of /proc/net/ndisc is not supported.\n")
	return exitNoSupp
}

// fib6 prints the IPv6 routing table (cache false) or its RTF_CACHE
// entries (cache true), as rprint_fib6.
func (p *printer) fib6(cache bool) int {
	rows, err := p.src.FIB6()
	if err != nil {
		p.perror(pathRoute6, err)
		p.outf(inet6NotConfigured)
		return exitNoSupp
	}
	if cache {
		p.outf(cache6Title)
	} else {
		p.outf(fib6Title)
	}
	p.outf(fib6Header)
	printRows := func(q *printer) {
		for i := range rows {
			if (rows[i].Flags&FlagCache != 0) == cache {
				q.fib6Row(&rows[i])
			}
		}
	}
	p.prefetch(printRows)
	printRows(p)
	return exitOK
}

// fib6Row prints one IPv6 route.
func (p *printer) fib6Row(r *Route6) {
	dest := cfmt.Clip(addrtext.IPv6(r.Dest, p.set.numeric, p.names)+"/"+dec(r.PrefixLen), addrtext.NameMax)
	next := addrtext.IPv6(r.NextHop, p.set.numeric, p.names)
	p.outf(cfmt.Sprintf(fib6Row, dest, next, fib6Flags(r.Flags), r.Metric, r.RefCnt, r.Use, cfmt.CString(r.Iface)))
}

// fib6Letters are rprint_fib6's flag letters, in its order.
var fib6Letters = []flagLetter{
	{FlagUp, "U"}, {FlagReject, "!"}, {FlagGateway, "G"}, {FlagHost, "H"},
	{FlagDefault, "D"}, {FlagAddrConf, "A"}, {FlagCache, "C"}, {FlagAllOnLink, "a"},
	{FlagExpires, "e"}, {FlagModified, "m"}, {FlagNoNextHop, "n"}, {FlagFlow, "f"},
}

// fib6Flags is the Flag column of an IPv6 route.
func fib6Flags(f uint32) string {
	s := ""
	for _, l := range fib6Letters {
		if f&l.bit != 0 {
			s += l.letter
		}
	}
	return s
}

// dec formats a C int for %d.
func dec(v int32) string {
	return cfmt.Sprintf("%d", v)
}
