// Package ntop writes IP addresses as glibc's inet_ntop does, which is what
// net-tools prints with -n. Go's netip.Addr.String differs for IPv6 addresses
// that embed an IPv4 address.
package ntop

import (
	"net/netip"
	"strconv"
)

// String returns a as inet_ntop writes it: dotted quad for IPv4; for IPv6,
// lowercase hex groups with the first longest run of two or more zero groups
// written as "::", and the last 32 bits as a dotted quad for IPv4-compatible
// (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses.
func String(a netip.Addr) string {
	if a.Is4() {
		return a.String()
	}
	return string(Append(make([]byte, 0, 46), a))
}

// Append appends the inet_ntop text of a to b.
func Append(b []byte, a netip.Addr) []byte {
	if a.Is4() || !a.IsValid() {
		return a.AppendTo(b)
	}
	raw := a.As16()
	var words [8]uint16
	for i := range words {
		words[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
	}
	// Find the first longest run of zero words; runs of one do not count.
	bestStart, bestLen := -1, 0
	for i := 0; i < 8; {
		if words[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && words[j] == 0 {
			j++
		}
		if j-i > bestLen {
			bestStart, bestLen = i, j-i
		}
		i = j
	}
	if bestLen < 2 {
		bestStart = -1
	}
	for i := 0; i < 8; i++ {
		if i == bestStart {
			b = append(b, ':')
			i += bestLen - 1
			if i == 7 {
				b = append(b, ':')
			}
			continue
		}
		if i > 0 {
			b = append(b, ':')
		}
		// An embedded IPv4 address: a zero run from word 0 that is exactly
		// six words long, or five words followed by ffff.
		if i == 6 && bestStart == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff)) {
			return appendQuad(b, raw[12:16])
		}
		b = strconv.AppendUint(b, uint64(words[i]), 16)
	}
	return b
}

func appendQuad(b []byte, q []byte) []byte {
	for i, v := range q {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(v), 10)
	}
	return b
}
