package jsonout

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"

	"github.com/gonetstat/netstat/internal/addrtext"
	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/routes"
)

// routeFlagNames name the route flag bits, in bit order.
var routeFlagNames = []struct {
	bit  uint32
	name string
}{
	{routes.FlagUp, "UP"}, {routes.FlagGateway, "GATEWAY"}, {routes.FlagHost, "HOST"},
	{routes.FlagReinstate, "REINSTATE"}, {routes.FlagDynamic, "DYNAMIC"},
	{routes.FlagModified, "MODIFIED"}, {routes.FlagMTU, "MTU"}, {routes.FlagWindow, "WINDOW"},
	{routes.FlagIRTT, "IRTT"}, {routes.FlagReject, "REJECT"}, {routes.FlagNotCached, "NOTCACHED"},
	{routes.FlagDefault, "DEFAULT"}, {routes.FlagAllOnLink, "ALLONLINK"},
	{routes.FlagAddrConf, "ADDRCONF"}, {routes.FlagNoNextHop, "NONEXTHOP"},
	{routes.FlagExpires, "EXPIRES"}, {routes.FlagCache, "CACHE"}, {routes.FlagFlow, "FLOW"},
	{routes.FlagPolicy, "POLICY"}, {routes.FlagLocal, "LOCAL"},
}

// Routes writes the routing tables of -r as one JSON document: for each
// family of the options (inet when none), the FIB and, with -C, the
// cache. Names are added unless -n or -N, as the text shows them.
func Routes(out, errOut io.Writer, opts *cli.Options, src routes.Source, names addrtext.Namer) int {
	d := newDocument(out, "routes")
	r := &routeWriter{d: d, names: names, numeric: opts.NumericHosts || opts.Symbolic}
	fib, cache := opts.FIB || !opts.Cache, opts.Cache
	families := opts.Families
	if len(families) == 0 {
		families = []string{"inet"}
	}
	rc := 0
	d.array("routes")
	for _, fam := range families {
		var err error
		switch fam {
		case "":
			continue
		case "inet":
			err = r.inet(src, fib, cache)
		case "inet6":
			err = r.inet6(src, fib, cache)
		default:
			err = fmt.Errorf("no JSON routing table for address family `%s'", fam)
		}
		if err != nil {
			fmt.Fprintf(errOut, "netstat: %s\n", err)
			rc = 1
			break
		}
	}
	if err := d.close(); err != nil && rc == 0 {
		rc = 255
	}
	return rc
}

// routeWriter writes route objects into a document.
type routeWriter struct {
	d       *document
	names   addrtext.Namer
	numeric bool
}

func (r *routeWriter) inet(src routes.Source, fib, cache bool) error {
	if fib {
		rows, err := src.FIB4()
		if err != nil {
			return routeError("/proc/net/route", err)
		}
		r.prefetch(func(n addrtext.Namer) {
			for i := range rows {
				r.names4(n, rows[i].Dest, rows[i].Mask, rows[i].Gateway, rows[i].Flags)
			}
		})
		for i := range rows {
			x := &rows[i]
			r.begin("fib", "inet", x.Dest, x.Mask, x.Gateway, x.Flags, x.Iface)
			r.numbers(x.Metric, x.RefCnt, x.Use)
			r.d.int("mss", int64(x.MTU))
			r.d.int("window", int64(x.Window))
			r.d.int("irtt", int64(x.IRTT))
			r.d.end()
			r.d.row()
		}
	}
	if cache {
		c, err := src.Cache4()
		if err != nil {
			return routeError("/proc/net/rt_cache", err)
		}
		for i := range c.Rows {
			x := &c.Rows[i]
			r.begin("cache", "inet", x.Dest, netip.IPv4Unspecified(), x.Gateway, x.Flags, x.Iface)
			r.d.addr("source", x.Source)
			r.numbers(x.Metric, x.RefCnt, x.Use)
			r.d.int("mss", int64(x.MTU))
			r.d.int("window", int64(x.Window))
			r.d.int("irtt", int64(x.IRTT))
			r.d.int("tos", int64(x.TOS))
			r.d.end()
			r.d.row()
		}
	}
	return nil
}

func (r *routeWriter) inet6(src routes.Source, fib, cache bool) error {
	rows, err := src.FIB6()
	if err != nil {
		return routeError("/proc/net/ipv6_route", err)
	}
	want := func(x *routes.Route6) bool {
		isCache := x.Flags&routes.FlagCache != 0
		return isCache && cache || !isCache && fib
	}
	r.prefetch(func(n addrtext.Namer) {
		for i := range rows {
			if want(&rows[i]) {
				addrtext.IPv6(rows[i].Dest, false, n)
				addrtext.IPv6(rows[i].NextHop, false, n)
			}
		}
	})
	for i := range rows {
		x := &rows[i]
		if !want(x) {
			continue
		}
		kind := "fib"
		if x.Flags&routes.FlagCache != 0 {
			kind = "cache"
		}
		d := r.d
		d.beginObject()
		d.str("kind", kind)
		d.str("family", "inet6")
		d.addr("destination", x.Dest)
		d.int("prefix_length", int64(x.PrefixLen))
		d.addr("gateway", x.NextHop)
		r.flags(x.Flags)
		d.str("interface", x.Iface)
		if !r.numeric {
			d.str("destination_name", addrtext.IPv6(x.Dest, false, r.names))
			d.str("gateway_name", addrtext.IPv6(x.NextHop, false, r.names))
		}
		r.numbers(x.Metric, x.RefCnt, x.Use)
		d.end()
		d.row()
	}
	return nil
}

// routeError words a table that could not be read.
func routeError(path string, err error) error {
	var m *routes.MissingFieldError
	if errors.As(err, &m) || errors.Is(err, routes.ErrNoHeader) {
		return fmt.Errorf("%s: %v", path, err)
	}
	return fmt.Errorf("%s: %s", path, cerr.Reason(err))
}

// prefetch resolves the names rows will ask for in one batch, when the
// Namer can.
func (r *routeWriter) prefetch(visit func(addrtext.Namer)) {
	pf, ok := r.names.(addrtext.Prefetcher)
	if r.numeric || !ok {
		return
	}
	c := &addrtext.Collector{}
	visit(c)
	pf.Prefetch(c.Addrs)
}

// names4 asks n for an IPv4 route's names, as the text does.
func (r *routeWriter) names4(n addrtext.Namer, dest, mask, gw netip.Addr, flags uint32) (string, string) {
	return addrtext.IPv4Masked(dest, mask, false, true, flags&routes.FlagHost != 0, n),
		addrtext.IPv4Masked(gw, addrtext.DefaultMask, false, false, true, n)
}

// begin opens an IPv4 route object with its addresses, flags and
// interface.
func (r *routeWriter) begin(kind, family string, dest, mask, gw netip.Addr, flags uint32, iface string) {
	d := r.d
	d.beginObject()
	d.str("kind", kind)
	d.str("family", family)
	d.addr("destination", addrtext.Inet4(dest))
	d.addr("genmask", addrtext.Inet4(mask))
	m := addrtext.Inet4(mask).As4()
	if ones, bits := net.IPMask(m[:]).Size(); bits != 0 {
		d.int("prefix_length", int64(ones))
	}
	d.addr("gateway", addrtext.Inet4(gw))
	r.flags(flags)
	d.str("interface", iface)
	if !r.numeric {
		dn, gn := r.names4(r.names, dest, mask, gw, flags)
		d.str("destination_name", dn)
		d.str("gateway_name", gn)
	}
}

func (r *routeWriter) flags(f uint32) {
	d := r.d
	d.array("flags")
	for _, n := range routeFlagNames {
		if f&n.bit != 0 {
			d.strValue(n.name)
		}
	}
	d.end()
	d.uint("flags_value", uint64(f))
}

func (r *routeWriter) numbers(metric, ref, use int32) {
	r.d.int("metric", int64(metric))
	r.d.int("ref_count", int64(ref))
	r.d.int("use", int64(use))
}
