package procnet

import (
	"io"
	"net/netip"
	"strings"

	"github.com/gonetstat/netstat/internal/routes"
)

// FIB6 reads ROOT/net/ipv6_route.
func (r Routes) FIB6() ([]routes.Route6, error) {
	f, err := r.open("ipv6_route")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseIPv6Route(f)
}

// route6Fields holds what rprint_fib6 scans from a line. The C variables
// live across lines, so a field a short line does not reach keeps the value
// of the line before.
type route6Fields struct {
	dest, src, next   [8]string
	prefixLen, srcLen uint32
	metric, refCnt    uint32
	use, flags        uint32
	iface             string
}

// scan applies "%4s×8 %02x %4s×8 %02x %4s×8 %08x %08x %08x %08x %15s".
func (f *route6Fields) scan(line []byte) {
	s := wScanner{b: line}
	groups := func(g *[8]string) bool {
		for i := range g {
			v, ok := s.str(4)
			if !ok {
				return false
			}
			g[i] = v
		}
		return true
	}
	num := func(width int, dst *uint32) bool {
		v, ok := s.hex(width)
		if ok {
			*dst = v
		}
		return ok
	}
	if !groups(&f.dest) || !num(2, &f.prefixLen) ||
		!groups(&f.src) || !num(2, &f.srcLen) ||
		!groups(&f.next) || !num(8, &f.metric) || !num(8, &f.refCnt) ||
		!num(8, &f.use) || !num(8, &f.flags) {
		return
	}
	if v, ok := s.str(15); ok {
		f.iface = v
	}
}

// inet6Keeper turns eight scanned groups into an address as net-tools does
// (joined with ':' and given to inet_pton), keeping the previous address
// when inet_pton refuses the text.
type inet6Keeper struct {
	last netip.Addr
}

// get parses the groups, or returns the previous address.
func (k *inet6Keeper) get(g *[8]string) netip.Addr {
	if a, ok := cInetPton6(strings.Join(g[:], ":")); ok {
		k.last = a
	}
	return k.last
}

// cInetPton6 accepts what glibc inet_pton(AF_INET6) accepts: no zone, no
// bare IPv4 address.
func cInetPton6(text string) (netip.Addr, bool) {
	if strings.IndexByte(text, '%') >= 0 {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(text)
	if err != nil || !a.Is6() {
		return netip.Addr{}, false
	}
	return a, true
}

// ParseIPv6Route reads a /proc/net/ipv6_route table. Like net-tools, it
// gives one row per line without checking how much of the line it could
// read: fields a line lacks keep the values of the line before (zero for
// the first line), and an address inet_pton refuses repeats the previous
// address of that column (:: at first).
func ParseIPv6Route(r io.Reader) ([]routes.Route6, error) {
	in := newCStream(r)
	f := route6Fields{}
	dest := inet6Keeper{last: netip.IPv6Unspecified()}
	next := inet6Keeper{last: netip.IPv6Unspecified()}
	var rows []routes.Route6
	for {
		line, ok := in.fgets(routeRowSize)
		if !ok {
			return rows, nil
		}
		f.scan(line)
		rows = append(rows, routes.Route6{
			Dest:      dest.get(&f.dest),
			PrefixLen: int32(f.prefixLen),
			NextHop:   next.get(&f.next),
			Metric:    int32(f.metric),
			RefCnt:    int32(f.refCnt),
			Use:       int32(f.use),
			Flags:     f.flags,
			Iface:     f.iface,
		})
	}
}
