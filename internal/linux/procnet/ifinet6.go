package procnet

import (
	"io"
	"net/netip"
	"strings"

	"github.com/gonetstat/netstat/internal/links"
)

// maxIfInet6Size bounds how much of /proc/net/if_inet6 is read (the file is
// a few hundred bytes; a very large one is cut here).
const maxIfInet6Size = 16 << 20

// ParseIfInet6 reads /proc/net/if_inet6 text as net-tools' ife_print_long
// does, with repeated
//
//	fscanf(f, "%4s%4s%4s%4s%4s%4s%4s%4s %08x %02x %02x %02x %20s\n", ...)
//
// until it returns EOF, and calls visit once per call. fscanf works on the
// stream, not on lines, and keeps the variables of the calls before when a
// conversion fails; so does this reader: Device, PrefixLen, Scope and the
// rest keep their previous value. Addr is the eight 4-byte pieces joined by
// ':' when inet_pton accepts that text, else invalid (net-tools then prints
// the address of the entry before, see links.IPv6Address). For the
// kernel's own lines this is simply one entry per line.
// The *IPv6Address is reused after visit returns. A read error is returned.
func ParseIfInet6(r io.Reader, visit func(*links.IPv6Address)) error {
	data, err := io.ReadAll(io.LimitReader(r, maxIfInet6Size))
	if err != nil {
		return err
	}
	s := streamScanner{b: data}
	var e links.IPv6Address
	var pieces [8]string
	for {
		n := scanIfInet6Record(&s, &pieces, &e)
		if n < 0 {
			return nil
		}
		e.Addr = netip.Addr{}
		if a, err := netip.ParseAddr(strings.Join(pieces[:], ":")); err == nil && a.Is6() && a.Zone() == "" {
			e.Addr = a
		}
		visit(&e)
	}
}

// scanIfInet6Record is one fscanf call. It returns the number of
// conversions made, or -1 for EOF (end of input before the first one).
// Conversions 0-7 fill pieces (the caller then rebuilds Addr).
func scanIfInet6Record(s *streamScanner, pieces *[8]string, e *links.IPv6Address) int {
	for k := 0; k < 8; k++ {
		w, ok := s.word(4)
		if !ok {
			if k == 0 {
				return -1
			}
			return k
		}
		pieces[k] = w
	}
	ints := [...]struct {
		width int
		store func(uint32)
	}{
		{8, func(v uint32) { e.IfIndex = v }},
		{2, func(v uint32) { e.PrefixLen = int32(v) }},
		{2, func(v uint32) { e.Scope = v }},
		{2, func(v uint32) { e.Flags = v }},
	}
	n := 8
	for _, c := range ints {
		v, ok := s.hex(c.width)
		if !ok {
			return n
		}
		c.store(uint32(v))
		n++
	}
	name, ok := s.word(20)
	if !ok {
		return n
	}
	e.Device = name
	s.skipSpace()
	return n + 1
}

// streamScanner applies fscanf directives to a whole input.
type streamScanner struct {
	b []byte
	i int
}

func (s *streamScanner) skipSpace() {
	for s.i < len(s.b) && isCSpace(s.b[s.i]) {
		s.i++
	}
}

// word is %Ns: white space skipped, then 1 to max non-blank bytes. It fails
// only at the end of the input.
func (s *streamScanner) word(max int) (string, bool) {
	s.skipSpace()
	start := s.i
	for s.i < len(s.b) && s.i-start < max && !isCSpace(s.b[s.i]) {
		s.i++
	}
	return string(s.b[start:s.i]), s.i > start
}

// hex is %Nx: white space skipped, then within N bytes an optional sign,
// an optional 0x prefix and hex digits, converted as strtoul does (negated
// after '-'). It fails when no digit is found.
func (s *streamScanner) hex(width int) (uint64, bool) {
	s.skipSpace()
	end := min(s.i+width, len(s.b))
	i := s.i
	neg := false
	if i < end && (s.b[i] == '+' || s.b[i] == '-') {
		neg = s.b[i] == '-'
		i++
	}
	digits := 0
	var v uint64
	if i < end && s.b[i] == '0' {
		i++
		digits++
		if i < end && (s.b[i] == 'x' || s.b[i] == 'X') {
			i++
		}
	}
	for i < end && digitVal(s.b[i]) < 16 {
		v = v<<4 | digitVal(s.b[i])
		i++
		digits++
	}
	s.i = i
	if digits == 0 {
		return 0, false
	}
	if neg {
		v = -v
	}
	return v, true
}
