package routes

import (
	"github.com/gonetstat/netstat/internal/addrtext"
	"github.com/gonetstat/netstat/internal/cfmt"
)

// Texts and formats of net-tools' lib/inet_gr.c.
const (
	pathRoute   = "/proc/net/route"
	pathRtCache = "/proc/net/rt_cache"

	inetNotConfigured = "INET (IPv4) not configured in this system.\n"

	fibTitle   = "Kernel IP routing table\n"
	fibHeader1 = "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
	fibHeader2 = "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
	fibHeader3 = "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n"

	fibRow1       = "%-15s %-15s %-15s %-5s %-6d %-2d %7d %s\n"
	fibRow2       = "%-15s %-15s %-15s %-5s %5d %-5d %6d %s\n"
	fibRow3       = "%-15s %-15s %-15s %-5s %-6d %-3d %6d %-6.6s   %-5d %-6d %d\n"
	fibReject1    = "%-15s -               %-15s %-5s %-6d -  %7d -\n"
	fibReject2    = "%-15s -               %-15s %-5s     - -          - -\n"
	fibReject3    = "%-15s -               %-15s %-5s %-6d -  %7d -        -     -      -\n"
	missingFormat = "warning: %s does not contain required field %s\n"
)

// inet prints the IPv4 FIB and/or cache, as INET_rprint.
func (p *printer) inet() int {
	rc := 2 // E_INTERN, when neither table is asked for
	if p.set.fib {
		if rc = p.fib4(); rc != exitOK {
			return rc
		}
	}
	if p.set.cache {
		rc = p.cache4()
	}
	return rc
}

// fib4 prints the IPv4 FIB, as rprint_fib.
func (p *printer) fib4() int {
	rows, err := p.src.FIB4()
	open, missing := headerError(err)
	if open {
		p.perror(pathRoute, err)
		p.outf(inetNotConfigured)
		return exitNoSupp
	}
	p.outf(fibTitle)
	switch p.set.ext {
	case 1:
		p.outf(fibHeader1)
	case 2:
		p.outf(fibHeader2)
	case 3:
		p.outf(fibHeader3)
	}
	if err != nil {
		if missing != "" {
			p.errf(cfmt.Sprintf(missingFormat, pathRoute, missing))
		}
		return exitNoSupp
	}
	printRows := func(q *printer) {
		for i := range rows {
			q.fib4Row(&rows[i])
		}
	}
	p.prefetch(printRows)
	printRows(p)
	return exitOK
}

// fib4Row prints one FIB row in the layout of the current ext.
func (p *printer) fib4Row(r *Route) {
	num := p.set.numeric
	dest := cfmt.Clip(addrtext.IPv4Masked(r.Dest, r.Mask, num, true, r.Flags&FlagHost != 0, p.names), 15)
	gw := cfmt.Clip(addrtext.IPv4Masked(r.Gateway, addrtext.DefaultMask, num, false, true, p.names), 15)
	mask := cfmt.Clip(addrtext.Inet4(r.Mask).String(), 15)
	flags := fib4Flags(r.Flags)
	iface := cfmt.CString(r.Iface)
	reject := r.Flags&FlagReject != 0
	var s string
	switch {
	case p.set.ext == 1 && reject:
		s = cfmt.Sprintf(fibReject1, dest, mask, flags, r.Metric, r.Use)
	case p.set.ext == 1:
		s = cfmt.Sprintf(fibRow1, dest, gw, mask, flags, r.Metric, r.RefCnt, r.Use, iface)
	case p.set.ext == 2 && reject:
		s = cfmt.Sprintf(fibReject2, dest, mask, flags)
	case p.set.ext == 2:
		s = cfmt.Sprintf(fibRow2, dest, gw, mask, flags, r.MTU, r.Window, r.IRTT, iface)
	case p.set.ext == 3 && reject:
		s = cfmt.Sprintf(fibReject3, dest, mask, flags, r.Metric, r.Use)
	case p.set.ext == 3:
		s = cfmt.Sprintf(fibRow3, dest, gw, mask, flags, r.Metric, r.RefCnt, r.Use, iface, r.MTU, r.Window, r.IRTT)
	}
	p.outf(s)
}

// flagLetter pairs a flag bit with its letter.
type flagLetter struct {
	bit    uint32
	letter string
}

// fib4Letters are the letters rprint_fib appends after U, G and the reject
// reset, in its order.
var fib4Letters = []flagLetter{
	{FlagHost, "H"}, {FlagReinstate, "R"}, {FlagDynamic, "D"}, {FlagModified, "M"},
	{FlagDefault, "d"}, {FlagAllOnLink, "a"}, {FlagAddrConf, "c"}, {FlagNoNextHop, "o"},
	{FlagExpires, "e"}, {FlagCache, "c"}, {FlagFlow, "f"}, {FlagPolicy, "p"},
	{FlagLocal, "l"}, {FlagMTU, "u"}, {FlagWindow, "w"}, {FlagIRTT, "i"},
	{FlagNotCached, "n"},
}

// fib4Flags is the Flags column of an IPv4 FIB row: U and G, all replaced
// by "!" for a reject route, then the other letters.
func fib4Flags(f uint32) string {
	s := ""
	if f&FlagUp != 0 {
		s += "U"
	}
	if f&FlagGateway != 0 {
		s += "G"
	}
	if f&FlagReject != 0 {
		s = "!"
	}
	for _, l := range fib4Letters {
		if f&l.bit != 0 {
			s += l.letter
		}
	}
	return s
}
