package sockdiag

import (
	"encoding/binary"
	"net/netip"

	"golang.org/x/sys/unix"
)

// Sizes and constants of include/uapi/linux/inet_diag.h that x/sys/unix
// does not define.
const (
	// reqLen is sizeof(struct inet_diag_req_v2): family, protocol, ext,
	// pad (raw protocol), states, then a 48-byte inet_diag_sockid.
	reqLen = 56
	// sockIDLen is sizeof(struct inet_diag_sockid).
	sockIDLen = 48

	// extInfo asks for INET_DIAG_INFO (tcp_info): bit INET_DIAG_INFO-1.
	extInfo = 1 << (attrInfo - 1)

	// stateNewSynRecv is TCP_NEW_SYN_RECV, the kernel's state of request
	// sockets; /proc and inet_diag both report them as SYN_RECV.
	stateNewSynRecv = 12
	// tcpAllStates is every TCP state /proc shows (bits 0..12). Bit 13,
	// TCP_BOUND_INACTIVE, would add bound-but-idle sockets that /proc
	// does not list.
	tcpAllStates = 1<<13 - 1
)

// request is a reusable inet_diag_req_v2 (or inet_diag_req_raw) body.
type request [reqLen]byte

// dump fills q for a dump of every socket of (family, protocol) whose state
// bit is set in states.
func (q *request) dump(family, protocol uint8, ext uint8, states uint32) {
	*q = request{}
	q[0] = family
	q[1] = protocol
	q[2] = ext
	if protocol == unix.IPPROTO_RAW {
		// inet_diag_req_raw: sdiag_raw_protocol. The dump ignores it;
		// IPPROTO_RAW is what ss sends for "all".
		q[3] = unix.IPPROTO_RAW
	}
	binary.NativeEndian.PutUint32(q[4:], states)
}

// lookup fills q for an exact lookup (no NLM_F_DUMP) of the TCP socket a
// packet to local from 0.0.0.0:0 would reach: the listener of a request
// socket. The cookie is INET_DIAG_NOCOOKIE so the kernel skips its check.
func (q *request) lookup(family uint8, local netip.AddrPort) {
	*q = request{}
	q[0] = family
	q[1] = unix.IPPROTO_TCP
	binary.NativeEndian.PutUint32(q[4:], tcpAllStates)
	id := q[8:]
	binary.BigEndian.PutUint16(id[0:], local.Port())
	a := local.Addr().As16()
	if family == unix.AF_INET {
		copy(id[4:8], a[12:])
	} else {
		copy(id[4:20], a[:])
	}
	binary.NativeEndian.PutUint32(id[40:], ^uint32(0))
	binary.NativeEndian.PutUint32(id[44:], ^uint32(0))
}

// stateMask turns the caller's mask (bit n = kernel state n, 0 = all) into
// what the kernel is sent for protocol.
func stateMask(states uint32, tcp bool) uint32 {
	if !tcp {
		if states == 0 {
			return ^uint32(0)
		}
		return states
	}
	if states == 0 {
		return tcpAllStates
	}
	if states&(1<<3) != 0 { // SYN_RECV: request sockets too
		states |= 1 << stateNewSynRecv
	}
	return states & tcpAllStates
}

// The legacy tcp_diag request (struct inet_diag_req), which the kernel
// still serves through inet_diag_rcv_msg_compat.
const (
	// tcpDiagGetSock is TCPDIAG_GETSOCK, the nlmsg_type of a legacy TCP
	// request; the kernel answers with messages of the same type.
	tcpDiagGetSock = 18
	// legacyReqLen is sizeof(struct inet_diag_req): family, src_len,
	// dst_len, ext, a 48-byte inet_diag_sockid, states, dbs.
	legacyReqLen = 4 + sockIDLen + 8
)

// legacyRequest is a reusable struct inet_diag_req body.
type legacyRequest [legacyReqLen]byte

// dumpBoth fills q for a legacy dump of every TCP socket whose state bit is
// set in states. inet_diag_dump_compat turns it into a request with
// sdiag_family AF_UNSPEC, whatever idiag_family says, so one walk of the
// hash tables returns the sockets of both families, interleaved as they lie
// in the tables. idiag_ext and idiag_states mean what they mean in
// inet_diag_req_v2.
func (q *legacyRequest) dumpBoth(ext uint8, states uint32) {
	*q = legacyRequest{}
	q[3] = ext
	binary.NativeEndian.PutUint32(q[4+sockIDLen:], states)
}
