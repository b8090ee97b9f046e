package procnet

import (
	"bufio"
	"bytes"
	"io"

	"github.com/gonetstat/netstat/internal/links"
)

// devLineSize is the buffer net-tools reads /proc/net/dev with
// (fgets(buf, 512)): longer lines come in pieces of 511 bytes.
const devLineSize = 512

// DevFormat is the /proc/net/dev layout, told by the second header line.
type DevFormat int

// The layouts net-tools knows. DevFormat1 (no byte counters) is that of
// 2.0 kernels; every kernel since has DevFormat3.
const (
	DevFormat1 DevFormat = 1 // packets errs drop fifo frame | packets errs drop fifo colls carrier
	DevFormat2 DevFormat = 2 // bytes added, no compressed/multicast
	DevFormat3 DevFormat = 3 // the full 16 columns
)

// DevLine is one interface line of /proc/net/dev as net-tools' sscanf reads
// it: the name, and the leading counters that converted.
type DevLine struct {
	Name   string
	Format DevFormat
	// Values holds the first N counters, in the order of Format's columns.
	Values [16]uint64
	N      int
}

// devColumns lists, per format, the Stats field each sscanf conversion
// stores into.
var devColumns = map[DevFormat][]func(*links.Stats) *uint64{
	DevFormat3: {
		func(s *links.Stats) *uint64 { return &s.RxBytes },
		func(s *links.Stats) *uint64 { return &s.RxPackets },
		func(s *links.Stats) *uint64 { return &s.RxErrors },
		func(s *links.Stats) *uint64 { return &s.RxDropped },
		func(s *links.Stats) *uint64 { return &s.RxFIFO },
		func(s *links.Stats) *uint64 { return &s.RxFrame },
		func(s *links.Stats) *uint64 { return &s.RxCompressed },
		func(s *links.Stats) *uint64 { return &s.RxMulticast },
		func(s *links.Stats) *uint64 { return &s.TxBytes },
		func(s *links.Stats) *uint64 { return &s.TxPackets },
		func(s *links.Stats) *uint64 { return &s.TxErrors },
		func(s *links.Stats) *uint64 { return &s.TxDropped },
		func(s *links.Stats) *uint64 { return &s.TxFIFO },
		func(s *links.Stats) *uint64 { return &s.Collisions },
		func(s *links.Stats) *uint64 { return &s.TxCarrier },
		func(s *links.Stats) *uint64 { return &s.TxCompressed },
	},
	DevFormat2: {
		func(s *links.Stats) *uint64 { return &s.RxBytes },
		func(s *links.Stats) *uint64 { return &s.RxPackets },
		func(s *links.Stats) *uint64 { return &s.RxErrors },
		func(s *links.Stats) *uint64 { return &s.RxDropped },
		func(s *links.Stats) *uint64 { return &s.RxFIFO },
		func(s *links.Stats) *uint64 { return &s.RxFrame },
		func(s *links.Stats) *uint64 { return &s.TxBytes },
		func(s *links.Stats) *uint64 { return &s.TxPackets },
		func(s *links.Stats) *uint64 { return &s.TxErrors },
		func(s *links.Stats) *uint64 { return &s.TxDropped },
		func(s *links.Stats) *uint64 { return &s.TxFIFO },
		func(s *links.Stats) *uint64 { return &s.Collisions },
		func(s *links.Stats) *uint64 { return &s.TxCarrier },
	},
	DevFormat1: {
		func(s *links.Stats) *uint64 { return &s.RxPackets },
		func(s *links.Stats) *uint64 { return &s.RxErrors },
		func(s *links.Stats) *uint64 { return &s.RxDropped },
		func(s *links.Stats) *uint64 { return &s.RxFIFO },
		func(s *links.Stats) *uint64 { return &s.RxFrame },
		func(s *links.Stats) *uint64 { return &s.TxPackets },
		func(s *links.Stats) *uint64 { return &s.TxErrors },
		func(s *links.Stats) *uint64 { return &s.TxDropped },
		func(s *links.Stats) *uint64 { return &s.TxFIFO },
		func(s *links.Stats) *uint64 { return &s.Collisions },
		func(s *links.Stats) *uint64 { return &s.TxCarrier },
	},
}

// Apply stores the line's counters into s as net-tools does: the converted
// columns overwrite their fields, the others keep their value, and then
// format 2 zeroes the multicast count and format 1 the byte counts and the
// multicast count.
func (l *DevLine) Apply(s *links.Stats) {
	cols := devColumns[l.Format]
	for i := 0; i < l.N && i < len(cols); i++ {
		*cols[i](s) = l.Values[i]
	}
	switch l.Format {
	case DevFormat2:
		s.RxMulticast = 0
	case DevFormat1:
		s.RxBytes, s.TxBytes, s.RxMulticast = 0, 0, 0
	}
}

// devFormatOf is procnetdev_version: "compressed" in the header means
// format 3, "bytes" format 2, anything else format 1.
func devFormatOf(header []byte) DevFormat {
	switch {
	case bytes.Contains(header, []byte("compressed")):
		return DevFormat3
	case bytes.Contains(header, []byte("bytes")):
		return DevFormat2
	}
	return DevFormat1
}

// ParseDev reads /proc/net/dev text as net-tools 2.10 (Debian 12) does and
// calls visit for every line after the two header lines; the format comes
// from the second header line. Lines are read in 511-byte pieces (fgets
// with a 512-byte buffer), each piece taken as a line, and cut at a NUL.
// Every line yields a DevLine, even one with no counters: net-tools adds
// its name to the interface list all the same. The *DevLine is reused
// after visit returns. A read error from r is returned.
func ParseDev(r io.Reader, visit func(*DevLine)) error {
	br := bufio.NewReaderSize(struct{ io.Reader }{r}, devLineSize-1)
	format := DevFormat1
	var line DevLine
	for n := 0; ; n++ {
		piece, err := br.ReadSlice('\n')
		if len(piece) > 0 {
			if i := bytes.IndexByte(piece, 0); i >= 0 {
				piece = piece[:i]
			}
			switch {
			case n == 1:
				format = devFormatOf(piece)
			case n > 1:
				scanDevLine(piece, format, &line)
				visit(&line)
			}
		}
		switch err {
		case nil, bufio.ErrBufferFull:
		case io.EOF:
			return nil
		default:
			return err
		}
	}
}

// scanDevLine splits the name off with get_name and converts the counters
// with sscanf("%Lu %Lu ..."): conversion stops at the first failure.
func scanDevLine(b []byte, format DevFormat, l *DevLine) {
	name, rest := devName(b)
	l.Name = name
	l.Format = format
	l.N = 0
	s := cScanner{b: rest}
	for l.N < len(devColumns[format]) {
		v, ok := s.unsigned(10)
		if !ok {
			break
		}
		l.Values[l.N] = v
		l.N++
	}
}

// devName is the Debian 12 get_name: skip white space, copy up to white
// space or ':' (at most 15 bytes). An "alias" (":digits:") keeps ":digits"
// in the name; the colon that ends the name is consumed.
func devName(b []byte) (string, []byte) {
	const maxLen = 15
	p := 0
	for p < len(b) && isCSpace(b[p]) {
		p++
	}
	var name []byte
	for p < len(b) && !isCSpace(b[p]) && len(name) < maxLen {
		if b[p] == ':' {
			dot := p
			p++
			for p < len(b) && isASCIIDigit(b[p]) {
				p++
			}
			if p < len(b) && b[p] == ':' {
				p = dot
				name = append(name, b[p])
				p++
				for p < len(b) && isASCIIDigit(b[p]) && len(name) < maxLen {
					name = append(name, b[p])
					p++
				}
			} else {
				p = dot
			}
			if p < len(b) && b[p] == ':' {
				p++
			}
			break
		}
		name = append(name, b[p])
		p++
	}
	return string(name), b[p:]
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }
