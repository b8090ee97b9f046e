package procnet

import (
	"io"
	"net/netip"

	"github.com/gonetstat/netstat/internal/sockets"
)

// inetFields holds what net-tools' sscanf of an Internet socket line stores:
//
//	"%d: %64[0-9A-Fa-f]:%X %64[0-9A-Fa-f]:%X %X %lX:%lX %X:%lX %lX %d %d %lu %*s\n"
type inetFields struct {
	local, remote           []byte
	localPort, remotePort   uint64
	state, txq, rxq         uint64
	timer, when, retransmit uint64
	uid, timeout            int64
	inode                   uint64
}

// scanInetLine converts line into f and returns how many conversions
// succeeded, as sscanf's return value: conversion k is only tried when the
// k-1 before it succeeded.
func scanInetLine(line []byte, f *inetFields) int {
	s := cScanner{b: line}
	var ok bool
	if _, ok = s.signed(); !ok || !s.literal(':') {
		return b2i(ok)
	}
	s.space()
	if f.local, ok = s.hexRun(64); !ok || !s.literal(':') {
		return 1 + b2i(ok)
	}
	if f.localPort, ok = s.unsigned(16); !ok {
		return 2
	}
	s.space()
	if f.remote, ok = s.hexRun(64); !ok || !s.literal(':') {
		return 3 + b2i(ok)
	}
	steps := [...]struct {
		sep byte // ':' to match before the field, or ' ' for white space
		dst *uint64
	}{
		{0, &f.remotePort}, {' ', &f.state}, {' ', &f.txq}, {':', &f.rxq},
		{' ', &f.timer}, {':', &f.when}, {' ', &f.retransmit},
	}
	n := 4
	for _, st := range steps {
		switch st.sep {
		case ' ':
			s.space()
		case ':':
			if !s.literal(':') {
				return n
			}
		}
		if *st.dst, ok = s.unsigned(16); !ok {
			return n
		}
		n++
	}
	for _, dst := range [...]*int64{&f.uid, &f.timeout} {
		if *dst, ok = s.signed(); !ok {
			return n
		}
		n++
	}
	if f.inode, ok = s.unsigned(10); !ok {
		return n
	}
	return n + 1
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// inetMinFields is the number of sscanf conversions net-tools requires of a
// line of the table for p before it warns "bogus line": 11 for TCP (through
// retrnsmt), 10 for UDP, UDP-Lite and RAW (through tm->when).
func inetMinFields(p sockets.Protocol) int {
	if p == sockets.TCP {
		return 11
	}
	return 10
}

// ParseInet reads a /proc/net/{tcp,udp,udplite,raw}{,6} table from r and calls
// visit once per row, in file order, with the row in a reused Socket whose
// Protocol is p and IPv6Table ipv6Table.
//
// The rules are net-tools': line 0 is skipped; a line with fewer than 11
// (TCP) or 10 (others) leading fields readable by the C format is bad; the
// address family follows the length of the local address hex string (up to
// 8 digits IPv4, otherwise IPv6) whatever the table; extra columns are
// ignored. An IPv4 remote address is strtoul of its hex string cut to 32
// bits, whatever its length; an IPv6 one uses its first 32 digits.
//
// Where the C program would print undefined or truncated values, the reader
// calls bad instead: IPv6 addresses with fewer than 32 hex digits, a port
// over 0xFFFF, a state or timer kind over 0xFF. The optional trailing
// fields (uid, timeout, inode), when missing or unreadable, are stored as
// zero where the C program keeps whatever the previous line left there.
//
// uid and timeout are read as C ints: uid keeps the 32 bits (so a negative
// number wraps), and a negative timeout is stored as uint64(int64(t)).
// A read error from r is returned; a line is never an error.
func ParseInet(r io.Reader, p sockets.Protocol, ipv6Table bool, visit func(*sockets.Socket), bad func()) error {
	minFields := inetMinFields(p)
	var sock sockets.Socket
	return eachProcLine(r, func(n int, line []byte) {
		if n == 0 {
			return
		}
		var f inetFields
		if scanInetLine(line, &f) < minFields || !inetFromFields(&f, &sock) {
			if bad != nil {
				bad()
			}
			return
		}
		sock.Protocol = p
		sock.IPv6Table = ipv6Table
		visit(&sock)
	})
}

// inetFromFields checks f and fills s from it.
func inetFromFields(f *inetFields, s *sockets.Socket) bool {
	lport, rport := uint32(f.localPort), uint32(f.remotePort)
	state, timer := uint32(f.state), uint32(f.timer)
	if lport > 0xFFFF || rport > 0xFFFF || state > 0xFF || timer > 0xFF {
		return false
	}
	var local, remote netip.Addr
	switch {
	case len(f.local) <= 8:
		// sscanf("%X") of the remote string: strtoul, saturated, cut to 32
		// bits, whatever its length.
		v, _, _ := cStrtoul(f.remote, 16)
		local, remote = procIPv4(hexWord(f.local)), procIPv4(uint32(v))
	case len(f.local) >= 32 && len(f.remote) >= 32:
		// sscanf("%08X%08X%08X%08X") reads the first 32 digits; a shorter
		// string would leave words unset in the C program.
		local, remote = procIPv6(f.local[:32]), procIPv6(f.remote[:32])
	default:
		return false
	}
	*s = sockets.Socket{
		Local:       netip.AddrPortFrom(local, uint16(lport)),
		Remote:      netip.AddrPortFrom(remote, uint16(rport)),
		State:       uint8(state),
		SendQ:       f.txq,
		RecvQ:       f.rxq,
		TimerKind:   uint8(timer),
		TimerTicks:  f.when,
		Retransmits: f.retransmit,
		Timeout:     uint64(int64(int32(f.timeout))),
		UID:         uint32(f.uid),
		Inode:       f.inode,
	}
	return true
}

// hexWord returns the value of up to 8 hex digits, which the caller has
// already checked.
func hexWord(h []byte) uint32 {
	var v uint32
	for _, c := range h {
		v = v<<4 | uint32(digitVal(c))
	}
	return v
}

// procIPv4 decodes an IPv4 address the kernel printed as one 32-bit word in
// host byte order (little-endian here): 0x0100007F is 127.0.0.1.
func procIPv4(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)})
}

// procIPv6 decodes 32 hex digits as four 32-bit words, each in host byte
// order. IPv4-mapped addresses stay 16 bytes long.
func procIPv6(h []byte) netip.Addr {
	var a [16]byte
	for w := 0; w < 4; w++ {
		v := hexWord(h[w*8 : w*8+8])
		a[w*4], a[w*4+1], a[w*4+2], a[w*4+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
	return netip.AddrFrom16(a)
}
