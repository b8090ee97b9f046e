package names

import "io"

// hostsTable holds what gethostbyaddr and getnameinfo can find in a hosts
// file: for each address, the canonical (first) name of the first line
// that matches it.
type hostsTable struct {
	v4 map[[4]byte]string
	v6 map[[16]byte]string
}

// parseHosts reads a hosts file with glibc 2.36 nss_files rules.
//
// A line is "ADDRESS [NAME [ALIAS...]]"; '#' starts a comment anywhere and
// fields are separated by C-locale blanks. A line with an address but no
// name is valid and maps the address to the empty name. The address must be
// valid for inet_pton, so zones, leading zeros and short forms make the
// line invalid.
//
// IPv4 lookups see IPv4 lines and also IPv6 lines holding a v4-mapped
// address (::ffff:a.b.c.d counts as a.b.c.d) or ::1 (counts as 127.0.0.1).
// IPv6 lookups see only IPv6 lines, compared exactly: a v4-mapped address
// does not match an IPv4 line. The first matching line wins. Name case is
// kept.
func parseHosts(r io.Reader) *hostsTable {
	t := &hostsTable{v4: map[[4]byte]string{}, v6: map[[16]byte]string{}}
	forEachLine(r, func(line []byte) {
		line = cutAt(line, "#")
		addr, rest := field(line, isSpace, true)
		name, _ := field(rest, isSpace, true)
		if a, ok := pton4(addr); ok {
			if _, dup := t.v4[a]; !dup {
				t.v4[a] = string(name)
			}
			return
		}
		a6, ok := pton6(addr)
		if !ok {
			return
		}
		if _, dup := t.v6[a6]; !dup {
			t.v6[a6] = string(name)
		}
		var a4 [4]byte
		switch {
		case isV4Mapped(a6):
			copy(a4[:], a6[12:])
		case a6 == [16]byte{15: 1}:
			a4 = [4]byte{127, 0, 0, 1}
		default:
			return
		}
		if _, dup := t.v4[a4]; !dup {
			t.v4[a4] = string(name)
		}
	})
	return t
}

// isV4Mapped reports whether a is ::ffff:a.b.c.d.
func isV4Mapped(a [16]byte) bool {
	return a[10] == 0xff && a[11] == 0xff && [10]byte(a[:10]) == [10]byte{}
}
