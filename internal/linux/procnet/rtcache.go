package procnet

import (
	"bytes"
	"io"

	"github.com/gonetstat/netstat/internal/routes"
)

// Cache4 reads ROOT/net/rt_cache.
func (r Routes) Cache4() (routes.Cache, error) {
	f, err := r.open("rt_cache")
	if err != nil {
		return routes.Cache{}, err
	}
	defer f.Close()
	return ParseRouteCache(f)
}

// cacheLayoutWords are the words proc_guess_fmt looks for in the first line
// of rt_cache, with their bits.
var cacheLayoutWords = []struct {
	word string
	bit  int
}{
	{"IRTT", 1}, {"TOS", 2}, {"HHRef", 4}, {"HHUptod", 8}, {"SpecDst", 16}, {"HH", 32}, {"ARP", 64},
}

// cacheColumns20 and cacheColumns22 are the columns rprint_cache asks for
// in the Linux 2.0 and 2.2 layouts.
var (
	cacheColumns20 = []column{
		{"Iface", colIface}, {"Destination", colAddr}, {"Gateway", colAddr},
		{"Flags", colHex}, {"RefCnt", colInt}, {"Use", colInt}, {"Metric", colInt},
		{"Source", colAddr}, {"MTU", colInt}, {"Window", colInt}, {"IRTT", colInt},
		{"HH", colInt}, {"ARP", colInt},
	}
	cacheColumns22 = []column{
		{"Iface", colIface}, {"Destination", colAddr}, {"Gateway", colAddr},
		{"Flags", colHex}, {"RefCnt", colInt}, {"Use", colInt}, {"Metric", colInt},
		{"Source", colAddr}, {"MTU", colInt}, {"Window", colInt}, {"IRTT", colInt},
		{"TOS", colInt}, {"HHRef", colInt}, {"HHUptod", colInt}, {"SpecDst", colAddr},
	}
)

// ParseRouteCache reads a /proc/net/rt_cache table. The layout is guessed
// from the header words as net-tools does; rows are read only for the two
// known layouts, and rows with fewer than 12 fields are left out. The
// guesses 1 and 2 ask for the columns of the 2.0 and 2.2 layouts and so
// give a *routes.MissingFieldError, as net-tools warns then. One
// address value is shared by the four address columns, as in net-tools: a
// field that is not hex, or a SpecDst the row does not reach, repeats the
// last address read before it.
func ParseRouteCache(r io.Reader) (routes.Cache, error) {
	in := newCStream(r)
	header, ok := in.fgets(routeHeaderSize)
	if !ok {
		return routes.Cache{Layout: -1}, routes.ErrNoHeader
	}
	layout := 0
	for _, w := range cacheLayoutWords {
		if bytes.Contains(header, []byte(w.word)) {
			layout |= w.bit
		}
	}
	c := routes.Cache{Layout: layout}
	// rprint_cache turns the guess into its format number 1 or 2 and
	// leaves any other guess as it is, so a header whose bits add up to
	// 1 (IRTT alone) or 2 (TOS alone) is read with the columns of that
	// format, and always lacks one of them.
	var want []column
	switch layout {
	case routes.CacheLayout20, 1:
		want = cacheColumns20
	case routes.CacheLayout22, 2:
		want = cacheColumns22
	default:
		return c, nil
	}
	plan, err := procGenFormat(header, want)
	if err != nil {
		return c, err
	}
	vals := make([]scanValue, len(want))
	var addr addrKeeper
	for {
		line, ok := in.fgets(routeRowSize)
		if !ok {
			return c, nil
		}
		n := scanPlanned(line, plan, want, vals)
		if n < 12 {
			continue
		}
		row := routes.CacheRoute{
			Iface:  vals[0].text,
			Flags:  vals[3].num,
			RefCnt: int32(vals[4].num),
			Use:    int32(vals[5].num),
			Metric: int32(vals[6].num),
			MTU:    int32(vals[8].num),
			Window: int32(vals[9].num),
			IRTT:   int32(vals[10].num),
		}
		row.Dest = addr.get(vals[1].text)
		row.Gateway = addr.get(vals[2].text)
		row.Source = addr.get(vals[7].text)
		if layout == routes.CacheLayout22 {
			row.TOS = int32(vals[11].num)
			row.HHRef = int32(vals[12].num)
			row.HHUptod = int32(vals[13].num)
			// A SpecDst the row does not reach holds, in net-tools'
			// buffer, what was printed for it a row before: a dotted quad
			// (or a host name) that INET_getsock cannot read, so the
			// row's last address stands.
			specDst := vals[14].text
			if n < len(cacheColumns22) {
				specDst = ""
			}
			row.SpecDst = addr.get(specDst)
		} else {
			row.HH = int32(vals[11].num)
			row.ARP = int32(vals[12].num)
			row.SpecDst = addr.get("")
		}
		c.Rows = append(c.Rows, row)
	}
}
