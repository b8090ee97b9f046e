package names

import "io"

// maxServiceName is the longest service name netstat prints: get_sname
// copies into a 64-byte buffer.
const maxServiceName = 63

// serviceTables are netstat's three port-name lists, keyed by port.
type serviceTables struct {
	tcp, udp, raw map[uint16]string
}

func newServiceTables() *serviceTables {
	return &serviceTables{tcp: map[uint16]string{}, udp: map[uint16]string{}, raw: map[uint16]string{}}
}

func isSlash(c byte) bool { return c == '/' }

// parseServices adds the entries of an /etc/services file to t, with glibc
// 2.36 rules: "NAME PORT/PROTO [ALIAS...]", '#' comments. PORT (followed by
// one or more slashes) is read by strtoul with base 0 (so "0x16" and "026" are 22) and then cut to 16
// bits; values above 0xffffffff make the line invalid. Only the primary
// NAME is used, and a later entry for the same port and proto replaces an
// earlier one, as netstat's lists are searched newest first. Protos other
// than exactly "tcp", "udp" and "raw" are dropped.
func parseServices(r io.Reader, t *serviceTables) {
	forEachLine(r, func(line []byte) {
		line = cutAt(line, "#")
		name, rest := field(line, isSpace, true)
		port, rest, ok := intField(rest, isSlash, true, 0)
		if !ok {
			return
		}
		proto, _ := field(rest, isSpace, true)
		var m map[uint16]string
		switch string(proto) {
		case "tcp":
			m = t.tcp
		case "udp":
			m = t.udp
		case "raw":
			m = t.raw
		default:
			return
		}
		m[uint16(port)] = string(name)
	})
}

// parseProtocols adds every /etc/protocols entry ("NAME NUMBER
// [ALIAS...]", decimal NUMBER cut to 16 bits) to t.raw. Called after
// parseServices, so protocols replace raw services with the same number,
// and later lines replace earlier ones.
func parseProtocols(r io.Reader, t *serviceTables) {
	forEachLine(r, func(line []byte) {
		line = cutAt(line, "#")
		name, rest := field(line, isSpace, true)
		num, _, ok := intField(rest, isSpace, true, 10)
		if !ok {
			return
		}
		t.raw[uint16(num)] = string(name)
	})
}
