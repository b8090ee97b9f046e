package names

import (
	"encoding/binary"
	"strings"
)

// glibc's DNS module does not take the names Go's resolver returns for a
// reverse lookup: it reads the answer itself, and netstat shows what it
// finds. Measured against net-tools with glibc 2.36 (test/dns keeps
// checking each point):
//
//   - only the first PTR record counts, among those owned by the question's
//     name (or by the target of a CNAME record before it); a PTR record with
//     another owner is skipped;
//   - that name must be a host name: letters, digits, '-' and '_' only, the
//     first label not starting with '-'. Otherwise the lookup fails, even
//     when a later PTR record holds a good name;
//   - all-numeric names ("1.2.3.4"), labels ending in '-' and labels other
//     than the first starting with '-' are fine, and the root is ".".
//
// Go's resolver rejects some of those names, and a bad name among several
// PTR records fails its whole lookup. lookupAddrVia therefore reads the
// answer with firstPTR.

// Sizes and types of the DNS wire format (RFC 1035).
const (
	dnsHeaderLen = 12
	dnsTypeCNAME = 5
	dnsTypePTR   = 12
	dnsClassIN   = 1
	maxNameLen   = 255 // wire form, length bytes included
)

// firstPTR returns the host name glibc takes from msg, the DNS response
// to a PTR query, in Go's absolute form ("host.example." or "." for the
// root), or false: when msg is not a successful response, has no PTR
// record for the question, or its first one is not a host name.
func firstPTR(msg []byte) (string, bool) {
	if len(msg) < dnsHeaderLen {
		return "", false
	}
	flags := binary.BigEndian.Uint16(msg[2:4])
	if flags&0x8000 == 0 || flags&0x000f != 0 { // not a response, or an error
		return "", false
	}
	if binary.BigEndian.Uint16(msg[4:6]) != 1 {
		return "", false
	}
	answers := int(binary.BigEndian.Uint16(msg[6:8]))
	want, off, ok := readName(msg, dnsHeaderLen)
	if !ok || off+4 > len(msg) {
		return "", false
	}
	off += 4 // type and class of the question
	for range answers {
		var owner []string
		if owner, off, ok = readName(msg, off); !ok || off+10 > len(msg) {
			return "", false
		}
		rtype := binary.BigEndian.Uint16(msg[off:])
		class := binary.BigEndian.Uint16(msg[off+2:])
		rdata := off + 10
		off = rdata + int(binary.BigEndian.Uint16(msg[off+8:]))
		if off > len(msg) {
			return "", false
		}
		if class != dnsClassIN || !sameName(owner, want) || rtype != dnsTypeCNAME && rtype != dnsTypePTR {
			continue
		}
		target, _, ok := readName(msg, rdata)
		if !ok {
			return "", false
		}
		if rtype == dnsTypeCNAME {
			want = target
			continue
		}
		if !isHostName(target) {
			return "", false
		}
		return strings.Join(target, ".") + ".", true
	}
	return "", false
}

// readName reads the possibly compressed name at off in msg and returns
// its labels and the offset after it (after the first pointer, if any).
// Pointers must point backwards, so every name ends.
func readName(msg []byte, off int) (labels []string, next int, ok bool) {
	next = -1
	size := 1
	for {
		if off >= len(msg) {
			return nil, 0, false
		}
		n := int(msg[off])
		switch {
		case n == 0:
			if next < 0 {
				next = off + 1
			}
			return labels, next, true
		case n&0xc0 == 0xc0:
			if off+1 >= len(msg) {
				return nil, 0, false
			}
			target := int(binary.BigEndian.Uint16(msg[off:]) & 0x3fff)
			if target >= off {
				return nil, 0, false
			}
			if next < 0 {
				next = off + 2
			}
			off = target
		case n&0xc0 != 0:
			return nil, 0, false // reserved label types
		default:
			size += 1 + n
			if size > maxNameLen || off+1+n > len(msg) {
				return nil, 0, false
			}
			labels = append(labels, string(msg[off+1:off+1+n]))
			off += 1 + n
		}
	}
}

// sameName reports whether two names are equal, ignoring ASCII case.
func sameName(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range len(a[i]) {
			if asciiLower(a[i][j]) != asciiLower(b[i][j]) {
				return false
			}
		}
	}
	return true
}

// asciiLower lowers an ASCII capital; DNS ignores case for nothing else.
func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isHostName reports whether glibc accepts labels as a host name (see the
// top of this file). The root, with no labels, is one.
func isHostName(labels []string) bool {
	for i, l := range labels {
		if i == 0 && strings.HasPrefix(l, "-") {
			return false
		}
		for _, c := range []byte(l) {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}
