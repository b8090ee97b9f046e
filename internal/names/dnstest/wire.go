package dnstest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// DNS wire-format numbers a test server needs (RFC 1035, RFC 6891).
const (
	HeaderLen = 12

	TypeA     = 1
	TypeCNAME = 5
	TypePTR   = 12
	TypeOPT   = 41
	ClassIN   = 1
	ClassCH   = 3

	FlagQR = 0x8000 // a response
	FlagAA = 0x0400 // authoritative answer
	FlagTC = 0x0200 // truncated: ask again over TCP
	FlagRD = 0x0100 // recursion desired (copied from the Query)
	FlagRA = 0x0080 // recursion available

	RcodeServFail = 2
	RcodeNXDomain = 3

	// PlainUDPLimit is the largest UDP answer to a query without EDNS(0).
	PlainUDPLimit = 512
)

// Query is a parsed DNS query.
type Query struct {
	ID       uint16
	Flags    uint16
	Name     string // lower case, no trailing dot
	Type     uint16
	Question []byte // the question section as sent, echoed in the answer
	OPT      bool   // an EDNS(0) OPT Record was attached
	UDPSize  int    // the OPT record's payload size
}

// ParseQuery parses msg strictly: one question, no answer or authority
// records, at most one additional Record (which must be OPT), and nothing
// after it. A UDP query sent with DNS-over-TCP's length prefix fails here,
// as it fails with a real server.
func ParseQuery(msg []byte) (Query, error) {
	var q Query
	if len(msg) < HeaderLen {
		return q, errors.New("shorter than a header")
	}
	q.ID = binary.BigEndian.Uint16(msg[0:2])
	q.Flags = binary.BigEndian.Uint16(msg[2:4])
	qd, an, ns, ar := binary.BigEndian.Uint16(msg[4:6]), binary.BigEndian.Uint16(msg[6:8]),
		binary.BigEndian.Uint16(msg[8:10]), binary.BigEndian.Uint16(msg[10:12])
	if q.Flags&FlagQR != 0 || q.Flags&0x7800 != 0 {
		return q, fmt.Errorf("flags %#04x: not a standard query", q.Flags)
	}
	if qd != 1 || an != 0 || ns != 0 || ar > 1 {
		return q, fmt.Errorf("counts %d/%d/%d/%d: not a plain query", qd, an, ns, ar)
	}
	name, off, err := readName(msg, HeaderLen)
	if err != nil {
		return q, err
	}
	if off+4 > len(msg) {
		return q, errors.New("question cut short")
	}
	q.Name = strings.ToLower(name)
	q.Type = binary.BigEndian.Uint16(msg[off:])
	if class := binary.BigEndian.Uint16(msg[off+2:]); class != ClassIN {
		return q, fmt.Errorf("class %d", class)
	}
	off += 4
	q.Question = msg[HeaderLen:off]
	if ar == 1 {
		// OPT: an empty owner name, type, payload size, extended
		// flags and RDATA with its length.
		if off+11 > len(msg) || msg[off] != 0 || binary.BigEndian.Uint16(msg[off+1:]) != TypeOPT {
			return q, errors.New("the additional Record is not OPT")
		}
		q.OPT = true
		q.UDPSize = int(binary.BigEndian.Uint16(msg[off+3:]))
		off += 11 + int(binary.BigEndian.Uint16(msg[off+9:]))
	}
	if off != len(msg) {
		return q, fmt.Errorf("%d bytes after the query", len(msg)-off)
	}
	return q, nil
}

// readName reads an uncompressed name at off and returns it dotted,
// without the trailing dot, and the offset after it.
func readName(msg []byte, off int) (string, int, error) {
	var labels []string
	for {
		if off >= len(msg) {
			return "", 0, errors.New("name cut short")
		}
		n := int(msg[off])
		off++
		if n == 0 {
			return strings.Join(labels, "."), off, nil
		}
		if n > 63 || off+n > len(msg) {
			return "", 0, errors.New("bad label in a query name")
		}
		labels = append(labels, string(msg[off:off+n]))
		off += n
	}
}

// AppendName appends name (dotted; a trailing dot or none) in wire form.
// "." and "" are the root.
func AppendName(b []byte, name string) []byte {
	for _, label := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		if label == "" {
			continue
		}
		b = append(b, byte(len(label)))
		b = append(b, label...)
	}
	return append(b, 0)
}

// Record is one answer record, owned by the question's name or by an
// explicit name.
type Record struct {
	Owner  string // "" for the question's name (a compression pointer)
	Type   uint16
	Class  uint16 // 0 for IN
	Target string // the RDATA, a name
	Rdata  []byte // the RDATA as it is, when set
}

// appendRecord appends r in wire form with a TTL of one minute.
func appendRecord(b []byte, r Record) []byte {
	if r.Owner == "" {
		b = append(b, 0xc0, HeaderLen) // pointer to the question's name
	} else {
		b = AppendName(b, r.Owner)
	}
	class := r.Class
	if class == 0 {
		class = ClassIN
	}
	b = binary.BigEndian.AppendUint16(b, r.Type)
	b = binary.BigEndian.AppendUint16(b, class)
	b = binary.BigEndian.AppendUint32(b, 60)
	rdata := r.Rdata
	if rdata == nil {
		rdata = AppendName(nil, r.Target)
	}
	b = binary.BigEndian.AppendUint16(b, uint16(len(rdata)))
	return append(b, rdata...)
}

// Response builds the answer to q with rcode and records. When the whole
// message would exceed limit bytes, it is cut to the header and question
// with the TC bit set, as a server does over UDP.
func Response(q Query, rcode uint16, records []Record, limit int) []byte {
	flags := FlagQR | FlagAA | FlagRA | q.Flags&FlagRD | rcode
	build := func(flags uint16, records []Record) []byte {
		b := binary.BigEndian.AppendUint16(nil, q.ID)
		b = binary.BigEndian.AppendUint16(b, flags)
		b = binary.BigEndian.AppendUint16(b, 1)
		b = binary.BigEndian.AppendUint16(b, uint16(len(records)))
		b = binary.BigEndian.AppendUint32(b, 0) // no authority, no additional
		b = append(b, q.Question...)
		for _, r := range records {
			b = appendRecord(b, r)
		}
		return b
	}
	msg := build(flags, records)
	if len(msg) > limit {
		msg = build(flags|FlagTC, nil)
	}
	return msg
}

// ReverseName is the in-addr.arpa or ip6.arpa name of a, without the
// trailing dot. IPv4-mapped addresses get their IPv4 name, as both glibc
// and Go's resolver ask.
func ReverseName(a netip.Addr) string {
	a = a.Unmap()
	if a.Is4() {
		b := a.As4()
		return fmt.Sprintf("%d.%d.%d.%d.in-addr.arpa", b[3], b[2], b[1], b[0])
	}
	const hex = "0123456789abcdef"
	b := a.As16()
	var s strings.Builder
	for i := len(b) - 1; i >= 0; i-- {
		s.WriteByte(hex[b[i]&0xf])
		s.WriteByte('.')
		s.WriteByte(hex[b[i]>>4])
		s.WriteByte('.')
	}
	s.WriteString("ip6.arpa")
	return s.String()
}
