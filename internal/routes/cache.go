package routes

import (
	"net/netip"
	"strconv"

	"github.com/gonetstat/netstat/internal/addrtext"
	"github.com/gonetstat/netstat/internal/cfmt"
)

// Texts and formats of rprint_cache (lib/inet_gr.c).
const (
	cacheTitle     = "Kernel IP routing cache\n"
	cacheHeader1   = "Source          Destination     Gateway         Flags Metric Ref    Use Iface\n"
	cacheHeader2   = "Source          Destination     Gateway         Flags   MSS Window  irtt Iface\n"
	cacheHeader320 = "Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  HH  Arp\n"
	cacheHeader322 = "Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n"

	cacheRow1    = "%-15s %-15s %-15s %-5s %-6d %-2d %7d %s\n"
	cacheRow2    = "%-15s %-15s %-15s %-5s %5d %-5d %6d %s\n"
	cacheRow320  = "%-15s %-15s %-15s %-5s %-6d %-3d %6d %-6.6s   %-5d %-6d %-5d %-3d %d\n"
	cacheRow322  = "%-15s %-15s %-15s %-5s %-6d %-3d %6d %-6.6s   %-5d %-6d %-5d %-3d %-3d   %-3d %15s\n"
	cacheBadFmt  = "ERROR: proc_guess_fmt(%s,... returned: %s\n"
	cacheNoGuess = ": No such file or directory\n"
)

// Cache flag bits (RTCF_*), which share the flags word with RTF_*.
const (
	cacheDead       = 0x00000001
	cacheOnLink     = 0x00000004
	cacheNotify     = 0x00010000
	cacheDirectDst  = 0x00020000
	cacheTProxy     = 0x00080000
	cacheFast       = 0x00200000
	cacheMasq       = 0x00400000
	cacheSNAT       = 0x00800000
	cacheDoRedirect = 0x01000000
	cacheDirectSrc  = 0x04000000
	cacheDNAT       = 0x08000000
	cacheBroadcast  = 0x10000000
	cacheMulticast  = 0x20000000
	cacheReject     = 0x40000000
	cacheLocal      = 0x80000000
)

// cache4 prints the IPv4 routing cache, as rprint_cache.
func (p *printer) cache4() int {
	c, err := p.src.Cache4()
	open, missing := headerError(err)
	if open {
		p.perror(pathRtCache, err)
		p.outf(inetNotConfigured)
		return exitNoSupp
	}
	p.outf(cacheTitle)
	if c.Layout == -1 || (err != nil && missing == "") {
		// No header line: net-tools calls perror, which shows the ENOENT an
		// earlier library call left in errno, and exits.
		p.errf(pathRtCache + cacheNoGuess)
		return exitFatal
	}
	layout := 0
	switch c.Layout {
	case CacheLayout22:
		layout = 2
	case CacheLayout20:
		layout = 1
	default:
		p.outf(cfmt.Sprintf(cacheBadFmt, pathRtCache, strconv.Itoa(c.Layout)))
		if c.Layout == 1 || c.Layout == 2 {
			// Left as it is, a guess of 1 or 2 reads as that format
			// number: its -ee header is printed (its rows lack a column).
			layout = c.Layout
		}
	}
	switch p.set.ext {
	case 1:
		p.outf(cacheHeader1)
	case 2:
		p.outf(cacheHeader2)
	case 3:
		switch layout {
		case 1:
			p.outf(cacheHeader320)
		case 2:
			p.outf(cacheHeader322)
		}
	}
	if missing != "" {
		p.errf(cfmt.Sprintf(missingFormat, pathRtCache, missing))
		if len(c.Rows) > 0 {
			return exitNoSupp
		}
		return exitOK
	}
	printRows := func(q *printer) {
		for i := range c.Rows {
			q.cache4Row(&c.Rows[i], layout)
		}
	}
	p.prefetch(printRows)
	printRows(p)
	return exitOK
}

// cache4Row prints one routing cache row.
func (p *printer) cache4Row(r *CacheRoute, layout int) {
	num := p.set.numeric
	text := func(a netip.Addr) string {
		return addrtext.IPv4Masked(a, addrtext.DefaultMask, num, false, false, p.names)
	}
	src, dst, gw, specDst := text(r.Source), text(r.Dest), text(r.Gateway), text(r.SpecDst)
	flags := cacheFlags(r.Flags, layout)
	iface := cfmt.CString(r.Iface)
	switch p.set.ext {
	case 1:
		p.outf(cfmt.Sprintf(cacheRow1, src, dst, gw, flags, r.Metric, r.RefCnt, r.Use, iface))
	case 2:
		p.outf(cfmt.Sprintf(cacheRow2, src, dst, gw, flags, r.MTU, r.Window, r.IRTT, iface))
	}
	if p.set.ext == 3 && layout == 1 {
		p.outf(cfmt.Sprintf(cacheRow320, src, dst, gw, flags, r.Metric, r.RefCnt, r.Use, iface, r.MTU, r.Window, r.IRTT, r.HH, r.ARP))
	}
	if p.set.ext == 3 && layout == 2 {
		p.outf(cfmt.Sprintf(cacheRow322, src, dst, gw, flags, r.Metric, r.RefCnt, r.Use, iface, r.MTU, r.Window, r.IRTT, r.TOS, r.HHRef, r.HHUptod, specDst))
	}
}

// cacheFlags is the Flags column of a cache row, as rprint_cache builds
// it; the U and H letters only exist in the 2.0 layout, "-" and "o" only in
// the 2.2 layout.
func cacheFlags(f uint32, layout int) string {
	s := ""
	if layout == 1 {
		if f&FlagUp != 0 {
			s += "U"
		}
		if f&FlagHost != 0 {
			s += "H"
		}
	}
	if f&FlagGateway != 0 {
		s += "G"
	}
	if f&FlagReject != 0 {
		s = "!"
	}
	for _, l := range []flagLetter{{FlagReinstate, "R"}, {FlagDynamic, "D"}, {FlagModified, "M"}} {
		if f&l.bit != 0 {
			s += l.letter
		}
	}
	if layout == 2 {
		if f&cacheDead != 0 {
			s += "-"
		}
		if f&cacheOnLink != 0 {
			s += "o"
		}
	}
	for _, l := range cacheLetters {
		if f&l.bit != 0 {
			s += l.letter
		}
	}
	return s
}

// cacheLetters are the RTCF letters every layout shows, in order.
var cacheLetters = []flagLetter{
	{cacheNotify, "n"}, {cacheDirectDst, "d"}, {cacheTProxy, "t"}, {cacheFast, "f"},
	{cacheMasq, "q"}, {cacheSNAT, "Ns"}, {cacheDoRedirect, "r"}, {cacheDirectSrc, "i"},
	{cacheDNAT, "Nd"}, {cacheBroadcast, "b"}, {cacheMulticast, "m"}, {cacheReject, "#"},
	{cacheLocal, "l"},
}
