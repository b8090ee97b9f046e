package sockdiag

import (
	"encoding/binary"
	"net/netip"

	"github.com/gonetstat/netstat/internal/sockets"
	"golang.org/x/sys/unix"
)

// msgLen is sizeof(struct inet_diag_msg): family, state, timer, retrans,
// a 48-byte inet_diag_sockid, then expires, rqueue, wqueue, uid, inode
// (u32 each). Attributes follow.
const msgLen = 72

// Timer kinds of idiag_timer, the same numbers as /proc's "tr".
const (
	timerOff       = 0
	timerRetrans   = 1
	timerKeepalive = 2
	timerTimeWait  = 3
	timerProbe     = 4
)

// userHZ is USER_HZ, the unit of /proc's tm->when.
const userHZ = 100

// msToTicks converts idiag_expires (milliseconds, jiffies_to_msecs) to the
// clock ticks /proc prints (jiffies_to_clock_t). For every HZ that divides
// 1000 both are exact multiples of the jiffy count, so this is ms*USER_HZ/1000
// rounded down, as the kernel rounds jiffies_to_clock_t.
func msToTicks(ms uint32) uint64 {
	return uint64(ms) * userHZ / 1000
}

// decodeInetDiag fills s from b, the body of one SOCK_DIAG_BY_FAMILY reply
// (struct inet_diag_msg and its attributes), with /proc/net semantics for
// protocol p. It reports false, leaving s unspecified, when b is too short
// or its family is neither AF_INET nor AF_INET6.
func decodeInetDiag(b []byte, p sockets.Protocol, ipv6Table bool, s *sockets.Socket) bool {
	if len(b) < msgLen {
		return false
	}
	var attrs msgAttrs
	parseAttrs(b[msgLen:], &attrs)
	return decodeMsg(b[:msgLen], &attrs, p, ipv6Table, s)
}

// decodeMsg is decodeInetDiag on the fixed part b of an inet_diag_msg
// (msgLen bytes) and what parseAttrs took from its attributes.
func decodeMsg(b []byte, attrs *msgAttrs, p sockets.Protocol, ipv6Table bool, s *sockets.Socket) bool {
	if len(b) < msgLen {
		return false
	}
	family := b[0]
	state, timer, retrans := b[1], b[2], b[3]
	id := b[4 : 4+sockIDLen]
	lport := binary.BigEndian.Uint16(id[0:])
	rport := binary.BigEndian.Uint16(id[2:])
	var local, remote netip.Addr
	switch family {
	case unix.AF_INET:
		local = netip.AddrFrom4([4]byte(id[4:8]))
		remote = netip.AddrFrom4([4]byte(id[20:24]))
	case unix.AF_INET6:
		local = netip.AddrFrom16([16]byte(id[4:20]))
		remote = netip.AddrFrom16([16]byte(id[20:36]))
	default:
		return false
	}
	tail := b[4+sockIDLen:]
	expires := binary.NativeEndian.Uint32(tail[0:])
	rqueue := binary.NativeEndian.Uint32(tail[4:])
	wqueue := binary.NativeEndian.Uint32(tail[8:])
	uid := binary.NativeEndian.Uint32(tail[12:])
	inode := binary.NativeEndian.Uint32(tail[16:])

	*s = sockets.Socket{
		Protocol:  p,
		IPv6Table: ipv6Table,
		State:     state,
		SendQ:     uint64(wqueue),
		RecvQ:     uint64(rqueue),
		UID:       uid,
		Inode:     uint64(inode),
	}
	switch p {
	case sockets.TCP:
		if state == stateNewSynRecv {
			state = sockets.SynRecv
			s.State = state
		}
		if state == sockets.Listen {
			// tcp_diag sends sk_max_ack_backlog; /proc prints
			// write_seq - snd_una, which a listener keeps at 0.
			s.SendQ = 0
		}
		tcpTimers(s, timer, retrans, expires, attrs)
	case sockets.Raw:
		// /proc/net/raw prints inet_num (the protocol) and 0.
		if attrs.hasProtocol {
			lport = uint16(attrs.protocol)
		}
		rport = 0
	}
	s.Local = netip.AddrPortFrom(local, lport)
	s.Remote = netip.AddrPortFrom(remote, rport)
	return true
}

// tcpTimers sets the timer columns of a TCP row: tr, tm->when, retrnsmt
// (icsk_retransmits) and timeout (icsk_probes_out).
func tcpTimers(s *sockets.Socket, timer, retrans uint8, expires uint32, a *msgAttrs) {
	s.TimerKind = timer
	if timer != timerOff {
		s.TimerTicks = msToTicks(expires)
	}
	var retransmits, probes uint8
	if a.hasInfo {
		retransmits, probes = a.retransmits, a.probes
	}
	switch timer {
	case timerRetrans:
		// idiag_retrans is icsk_retransmits (num_retrans for a
		// request socket, which has no tcp_info and no probes).
		retransmits = retrans
	case timerKeepalive, timerProbe:
		// idiag_retrans is icsk_probes_out.
		probes = retrans
	case timerTimeWait:
		retransmits, probes = 0, 0
	}
	s.Retransmits = uint64(retransmits)
	s.Timeout = uint64(probes)
}

// isRequestSock reports whether s (a decoded TCP row) is a request
// socket, whose uid the kernel leaves at 0 in inet_diag while /proc prints
// the listener's: SYN_RECV, no inode, uid 0, nothing queued. A full
// SYN_RECV socket (a TCP Fast Open child) already carries the listener's
// uid, so a lookup for it would give the same answer.
func isRequestSock(s *sockets.Socket) bool {
	return s.Protocol == sockets.TCP && s.State == sockets.SynRecv &&
		s.Inode == 0 && s.UID == 0 && s.SendQ == 0 && s.RecvQ == 0
}
