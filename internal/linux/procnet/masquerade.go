package procnet

import (
	"bytes"
	"io"
	"net/netip"
	"os"

	"github.com/gonetstat/netstat/internal/nat"
)

// Masquerade reads the Linux 2.2 masquerading table from a proc file
// system. It implements nat.Source.
type Masquerade struct {
	// Root is the proc mount point; empty means "/proc".
	Root string
}

var _ nat.Source = Masquerade{}

// Masquerade reads ROOT/net/ip_masquerade.
func (m Masquerade) Masquerade() (nat.Table, error) {
	f, err := os.Open(netPath(m.Root, "ip_masquerade"))
	if err != nil {
		return nat.Table{}, err
	}
	defer f.Close()
	return ParseMasquerade(f)
}

// masqProtos maps the kernel's protocol words to net-tools' names.
var masqProtos = map[string]string{
	"IP": "ip", "TCP": "tcp", "UDP": "udp", "ICMP": "icmp", "GRE": "gre", "ESP": "esp",
}

// ParseMasquerade reads an ip_masquerade table as masq_info.c does: a
// header line (which says whether a PDelta column exists), then entries
// "PROTO SRC:SPORT DST:DPORT MPORT INITSEQ DELTA [PDELTA] EXPIRES" read
// as one stream of fields.
func ParseMasquerade(r io.Reader) (nat.Table, error) {
	data, err := io.ReadAll(r)
	if err != nil && len(data) == 0 {
		return nat.Table{}, &nat.FormatError{Text: "fgets() failed"}
	}
	// fgets(buf, 256, f) takes up to 255 bytes, through the first
	// newline; fscanf goes on after them, even when a NUL byte cut the
	// header short for strstr.
	header := data[:min(len(data), 255)]
	if i := bytes.IndexByte(header, '\n'); i >= 0 {
		header = header[:i+1]
	}
	if len(header) == 0 {
		return nat.Table{}, &nat.FormatError{Text: "fgets() failed"}
	}
	t := nat.Table{HasPDelta: bytes.Contains(cString(header), []byte("PDelta"))}
	s := wScanner{b: data[len(header):]}
	for {
		s.skipBlank()
		if s.i >= len(s.b) {
			return t, nil
		}
		e, ok := scanMasqEntry(&s, t.HasPDelta)
		if !ok {
			return t, &nat.FormatError{Text: "ip_masquerade format error"}
		}
		// strcmp sees the word only up to a NUL byte.
		proto, known := masqProtos[string(cString([]byte(e.Proto)))]
		if !known {
			return t, &nat.FormatError{Text: "ip_masquerade unknown type"}
		}
		e.Proto = proto
		t.Entries = append(t.Entries, e)
	}
}

// scanMasqEntry reads one entry's fields; it reports false unless all of
// them were there.
func scanMasqEntry(s *wScanner, pdelta bool) (nat.Entry, bool) {
	var e nat.Entry
	proto, ok := s.str(0)
	e.Proto = proto
	addr := func() (netip.Addr, uint16, bool) {
		a, ok := s.hex(0)
		if !ok || s.i >= len(s.b) || s.b[s.i] != ':' {
			return netip.Addr{}, 0, false
		}
		s.i++
		p, ok := s.hex(0)
		return netip.AddrFrom4([4]byte{byte(a >> 24), byte(a >> 16), byte(a >> 8), byte(a)}), uint16(p), ok
	}
	if !ok {
		return e, false
	}
	if e.Src, e.SPort, ok = addr(); !ok {
		return e, false
	}
	if e.Dst, e.DPort, ok = addr(); !ok {
		return e, false
	}
	mport, ok1 := s.hex(0)
	seq, n, ok2 := cStrtoul(s.limit(0), 16)
	s.i += n
	delta, ok3 := s.dec(0)
	e.MPort, e.InitSeq, e.Delta = uint16(mport), seq, int16(delta)
	if !ok1 || !ok2 || !ok3 {
		return e, false
	}
	if pdelta {
		pd, ok := s.dec(0)
		if !ok {
			return e, false
		}
		e.PDelta = int16(pd)
	}
	s.skipBlank()
	exp, n, ok := cStrtoul(s.limit(0), 10)
	s.i += n
	e.Expires = exp
	return e, ok
}
