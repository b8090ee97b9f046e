// Package sockets holds the plain records of the socket tables (TCP, UDP,
// UDP-Lite, RAW, SCTP, UNIX) and the net-tools text layout of the socket
// listing. It never reads the kernel itself: a Source does that.
package sockets

import (
	"net/netip"
	"time"
)

// Protocol names the kernel table a socket row came from.
type Protocol uint8

const (
	TCP Protocol = iota + 1
	UDP
	UDPLite
	Raw
	SCTP
	Unix
)

// TCP states as the kernel numbers them (include/net/tcp_states.h).
const (
	Established uint8 = 1
	SynSent     uint8 = 2
	SynRecv     uint8 = 3
	FinWait1    uint8 = 4
	FinWait2    uint8 = 5
	TimeWait    uint8 = 6
	Close       uint8 = 7
	CloseWait   uint8 = 8
	LastAck     uint8 = 9
	Listen      uint8 = 10
	Closing     uint8 = 11
)

// Socket is one row of an Internet socket table: TCP, UDP, UDP-Lite or RAW,
// over IPv4 or IPv6.
type Socket struct {
	Protocol Protocol
	// IPv6Table is true when the row came from the IPv6 table (tcp6, udp6,
	// ...). It decides the protocol label; the address width decides how the
	// addresses are read, as net-tools does.
	IPv6Table bool
	Local     netip.AddrPort
	Remote    netip.AddrPort
	// State is the kernel's state number. For RAW sockets it is printed as is.
	State uint8
	SendQ uint64 // tx_queue
	RecvQ uint64 // rx_queue
	// TimerKind is the kernel's "tr" field: 0 off, 1 retransmit, 2 keepalive,
	// 3 timewait, 4 zero-window probe.
	TimerKind uint8
	// TimerTicks is the time left on the timer, in clock ticks (USER_HZ).
	TimerTicks  uint64
	Retransmits uint64
	// Timeout is the kernel's "timeout" column (unanswered probes for TCP).
	Timeout uint64
	UID     uint32
	Inode   uint64
	// Info is the kernel's tcp_info for a TCP socket when it was asked for
	// (--tcp-info) and the reader can give it; nil otherwise. Like the
	// record, it may be reused after the visit returns.
	Info *TCPInfo
}

// TCPInfo is what the kernel's struct tcp_info (and the congestion control
// attribute) tell about one TCP socket. Durations come from the kernel's
// microsecond and millisecond fields; rates are in bytes per second.
type TCPInfo struct {
	RTT, RTTVar  time.Duration
	RTO          time.Duration
	SndCwnd      uint32 // congestion window, in segments
	SndSsthresh  uint32 // slow start threshold; 0x7fffffff means none yet
	SndMSS       uint32
	Retransmits  uint8  // retransmissions of the current segment
	Lost         uint32 // segments thought lost
	TotalRetrans uint32 // retransmitted segments over the socket's life
	BytesAcked   uint64
	BytesRecv    uint64
	// DeliveryRate and PacingRate are zero when the kernel does not send
	// them (older kernels send a shorter struct).
	DeliveryRate uint64
	PacingRate   uint64
	// Congestion is the congestion control algorithm ("cubic", "bbr").
	Congestion string
	// LastSend and LastRecv are the time since data was last sent and
	// received.
	LastSend, LastRecv time.Duration
}

// UnixSocket is one row of /proc/net/unix.
type UnixSocket struct {
	RefCount uint64
	Protocol uint64
	Flags    uint64
	Type     uint64
	State    uint64
	Inode    uint64
	// Path is the bound name as the kernel prints it, cut at the first blank
	// as net-tools reads it; abstract names start with '@'. Empty when unbound.
	Path string
}

// Unix socket flag bits and states used by the listing.
const (
	UnixAccept      = 0x10000 // __SO_ACCEPTCON
	UnixWaitData    = 0x20000 // SOCK_WAITDATA (old kernels)
	UnixNoSpace     = 0x40000 // SOCK_NOSPACE (old kernels)
	UnixUnconnected = 1       // SS_UNCONNECTED
)

// SCTPEndpoint is one row of /proc/net/sctp/eps.
type SCTPEndpoint struct {
	State     int
	LocalPort uint16
	UID       uint32
	Inode     uint64
	Local     []netip.Addr
}

// SCTPAssoc is one row of /proc/net/sctp/assocs.
type SCTPAssoc struct {
	State      int
	SendQ      uint64
	RecvQ      uint64
	UID        uint32
	Inode      uint64
	LocalPort  uint16
	RemotePort uint16
	Local      []netip.Addr
	Remote     []netip.Addr
}
