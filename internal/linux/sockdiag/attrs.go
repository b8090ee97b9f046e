package sockdiag

import "encoding/binary"

// inet_diag attribute types used here (enum in include/uapi/linux/inet_diag.h).
const (
	attrInfo     = 2  // INET_DIAG_INFO: struct tcp_info for TCP
	attrCong     = 4  // INET_DIAG_CONG: congestion control name, NUL-terminated
	attrProtocol = 10 // INET_DIAG_PROTOCOL: u8 sk_protocol of RAW sockets
)

// Offsets in struct tcp_info (include/uapi/linux/tcp.h).
const (
	tcpiRetransmits = 2 // __u8 tcpi_retransmits (icsk_retransmits)
	tcpiProbes      = 3 // __u8 tcpi_probes (icsk_probes_out)
)

// msgAttrs is what the Reader takes from the attributes of one
// inet_diag_msg.
type msgAttrs struct {
	hasInfo     bool
	retransmits uint8
	probes      uint8

	hasProtocol bool
	protocol    uint8

	// info and cong are the payloads of INET_DIAG_INFO and INET_DIAG_CONG,
	// nil when absent. They alias the receive buffer: valid only until
	// the next datagram is read.
	info, cong []byte
}

// parseAttrs walks the netlink attributes in b (struct nlattr: u16 length
// including the 4-byte header, u16 type, payload padded to 4 bytes) without
// allocating. A truncated or malformed tail ends the walk; what was read
// before it is kept.
func parseAttrs(b []byte, a *msgAttrs) {
	*a = msgAttrs{}
	for len(b) >= 4 {
		n := int(binary.NativeEndian.Uint16(b[0:]))
		typ := binary.NativeEndian.Uint16(b[2:]) & 0x3fff // drop NLA_F_NESTED, NLA_F_NET_BYTEORDER
		if n < 4 || n > len(b) {
			return
		}
		payload := b[4:n]
		switch typ {
		case attrInfo:
			a.info = payload
			if len(payload) > tcpiProbes {
				a.hasInfo = true
				a.retransmits = payload[tcpiRetransmits]
				a.probes = payload[tcpiProbes]
			}
		case attrCong:
			a.cong = payload
		case attrProtocol:
			if len(payload) >= 1 {
				a.hasProtocol = true
				a.protocol = payload[0]
			}
		}
		next := (n + 3) &^ 3
		if next >= len(b) {
			return
		}
		b = b[next:]
	}
}
