package procnet

import (
	"io"
	"net/netip"
	"os"

	"github.com/gonetstat/netstat/internal/routes"
)

// Routes reads the routing tables from a proc file system. It implements
// routes.Source.
type Routes struct {
	// Root is the proc mount point; empty means "/proc".
	Root string
}

var _ routes.Source = Routes{}

// open opens ROOT/net/name.
func (r Routes) open(name string) (*os.File, error) {
	return os.Open(netPath(r.Root, name))
}

// Table reports whether ROOT/net/name can be opened.
func (r Routes) Table(name string) error {
	f, err := r.open(name)
	if err != nil {
		return err
	}
	return f.Close()
}

// FIB4 reads ROOT/net/route.
func (r Routes) FIB4() ([]routes.Route, error) {
	f, err := r.open("route")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseRoute(f)
}

// Sizes of the fgets buffers net-tools reads the route tables with.
const (
	routeHeaderSize = 511  // proc_gen_fmt: fgets(buf, sizeof buf - 1)
	routeRowSize    = 1023 // rprint_fib: fgets(buff, 1023)
)

// colKind is the scanf conversion net-tools uses for a named column.
type colKind int

const (
	colIface colKind = iota // %15s
	colAddr                 // %127s
	colHex                  // %X
	colInt                  // %d
)

// column is a header word net-tools wants and its conversion.
type column struct {
	title string
	kind  colKind
}

// fibColumns are the columns rprint_fib asks proc_gen_fmt for, in order.
var fibColumns = []column{
	{"Iface", colIface}, {"Destination", colAddr}, {"Gateway", colAddr},
	{"Flags", colHex}, {"RefCnt", colInt}, {"Use", colInt}, {"Metric", colInt},
	{"Mask", colAddr}, {"MTU", colInt}, {"Window", colInt}, {"IRTT", colInt},
}

// scanValue is one scanned field: text for %s, a number otherwise.
type scanValue struct {
	text string
	num  uint32
}

// procGenFormat does what net-tools' proc_gen_fmt does with a header line:
// it walks the header words (split at blanks and '|') and matches them, in
// order, against want. The result has one entry per header word up to the
// last wanted one: the index into want, or -1 for a word to skip. It
// returns a *routes.MissingFieldError naming the first wanted column not
// found.
func procGenFormat(header []byte, want []column) ([]int, error) {
	buf := append(append([]byte(nil), header...), ' ')
	var plan []int
	k := 0
	pos := 0
	for {
		for pos < len(buf) && (isCSpace(buf[pos]) || buf[pos] == '|') {
			pos++
		}
		start := pos
		end := -1
		for j := pos; j < len(buf); j++ {
			if c := buf[j]; c == '|' || c == ' ' || c == '\t' || c == '\n' {
				end = j
				break
			}
		}
		head := buf[start:]
		if end >= 0 {
			head = buf[start:end]
			pos = end + 1
		}
		if string(head) == want[k].title {
			plan = append(plan, k)
			k++
			if k == len(want) {
				break
			}
		} else {
			plan = append(plan, -1)
		}
		if end < 0 {
			break
		}
	}
	if k < len(want) {
		return nil, &routes.MissingFieldError{Field: want[k].title}
	}
	return plan, nil
}

// scanPlanned applies the sscanf format proc_gen_fmt built to line. Fields
// it assigns overwrite vals (indexed like want), which keeps the values of
// earlier lines for the rest, as the C variables do. It returns the number
// of fields assigned.
func scanPlanned(line []byte, plan []int, want []column, vals []scanValue) int {
	s := wScanner{b: line}
	n := 0
	for _, k := range plan {
		if k < 0 {
			if _, ok := s.str(0); !ok {
				return n
			}
			continue
		}
		var v scanValue
		var ok bool
		switch want[k].kind {
		case colIface:
			v.text, ok = s.str(15)
		case colAddr:
			v.text, ok = s.str(127)
		case colHex:
			v.num, ok = s.hex(0)
		case colInt:
			var d int32
			d, ok = s.dec(0)
			v.num = uint32(d)
		}
		if !ok {
			return n
		}
		vals[k] = v
		n++
	}
	return n
}

// addrKeeper turns hex address fields into addresses the way net-tools'
// INET_getsock does, keeping the last good value when a field is not hex
// (the C code leaves the sockaddr as it was).
type addrKeeper struct {
	last [4]byte
}

// get parses text, or returns the previous address.
func (a *addrKeeper) get(text string) netip.Addr {
	if b, ok := hexQuad(text); ok {
		a.last = b
	}
	return netip.AddrFrom4(a.last)
}

// ParseRoute reads a /proc/net/route table: the header names the columns,
// which are matched by name as net-tools does; rows with fewer than ten
// fields or without RTF_UP are left out. An address field that is not hex
// keeps the value of the same column in the row before (zero at first).
func ParseRoute(r io.Reader) ([]routes.Route, error) {
	in := newCStream(r)
	header, ok := in.fgets(routeHeaderSize)
	if !ok {
		return nil, routes.ErrNoHeader
	}
	plan, err := procGenFormat(header, fibColumns)
	if err != nil {
		return nil, err
	}
	vals := make([]scanValue, len(fibColumns))
	var dest, gw, mask addrKeeper
	var rows []routes.Route
	for {
		line, ok := in.fgets(routeRowSize)
		if !ok {
			return rows, nil
		}
		n := scanPlanned(line, plan, fibColumns, vals)
		if n < 10 || vals[3].num&routes.FlagUp == 0 {
			continue
		}
		rows = append(rows, routes.Route{
			Iface:   vals[0].text,
			Dest:    dest.get(vals[1].text),
			Gateway: gw.get(vals[2].text),
			Flags:   vals[3].num,
			RefCnt:  int32(vals[4].num),
			Use:     int32(vals[5].num),
			Metric:  int32(vals[6].num),
			Mask:    mask.get(vals[7].text),
			MTU:     int32(vals[8].num),
			Window:  int32(vals[9].num),
			IRTT:    int32(vals[10].num),
		})
	}
}
