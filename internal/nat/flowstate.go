package nat

import (
	"strconv"

	"github.com/gonetstat/netstat/internal/sockets"
)

// IP protocol numbers of the protocols conntrack follows.
const (
	ProtoICMP    uint8 = 1
	ProtoTCP     uint8 = 6
	ProtoUDP     uint8 = 17
	ProtoDCCP    uint8 = 33
	ProtoGRE     uint8 = 47
	ProtoICMPv6  uint8 = 58
	ProtoSCTP    uint8 = 132
	ProtoUDPLite uint8 = 136
)

// protocolNames are the protocol names of the text table and the JSON.
var protocolNames = map[uint8]string{
	ProtoICMP:    "icmp",
	ProtoTCP:     "tcp",
	ProtoUDP:     "udp",
	ProtoDCCP:    "dccp",
	ProtoGRE:     "gre",
	ProtoICMPv6:  "icmp6",
	ProtoSCTP:    "sctp",
	ProtoUDPLite: "udplite",
}

// ProtocolName is the flow's protocol name ("tcp", "icmp6", ...), or its
// number when netstat has no name for it.
func (f *Flow) ProtocolName() string {
	if name, ok := protocolNames[f.Protocol]; ok {
		return name
	}
	return strconv.Itoa(int(f.Protocol))
}

// Conntrack's TCP states (enum tcp_conntrack in
// include/uapi/linux/netfilter/nf_conntrack_tcp.h).
const (
	ctTCPNone        uint8 = 0
	ctTCPSynSent     uint8 = 1
	ctTCPSynRecv     uint8 = 2
	ctTCPEstablished uint8 = 3
	ctTCPFinWait     uint8 = 4
	ctTCPCloseWait   uint8 = 5
	ctTCPLastAck     uint8 = 6
	ctTCPTimeWait    uint8 = 7
	ctTCPClose       uint8 = 8
	ctTCPSynSent2    uint8 = 9
)

// tcpStateNames are conntrack's names of its TCP states.
var tcpStateNames = [...]string{
	ctTCPNone:        "NONE",
	ctTCPSynSent:     "SYN_SENT",
	ctTCPSynRecv:     "SYN_RECV",
	ctTCPEstablished: "ESTABLISHED",
	ctTCPFinWait:     "FIN_WAIT",
	ctTCPCloseWait:   "CLOSE_WAIT",
	ctTCPLastAck:     "LAST_ACK",
	ctTCPTimeWait:    "TIME_WAIT",
	ctTCPClose:       "CLOSE",
	ctTCPSynSent2:    "SYN_SENT2",
}

// socketStates maps conntrack's TCP states to the socket states of package
// sockets, which the filters (--state) know.
var socketStates = [...]uint8{
	ctTCPSynSent:     sockets.SynSent,
	ctTCPSynRecv:     sockets.SynRecv,
	ctTCPEstablished: sockets.Established,
	ctTCPFinWait:     sockets.FinWait1,
	ctTCPCloseWait:   sockets.CloseWait,
	ctTCPLastAck:     sockets.LastAck,
	ctTCPTimeWait:    sockets.TimeWait,
	ctTCPClose:       sockets.Close,
	ctTCPSynSent2:    sockets.SynSent,
}

// State is the flow's state as the text table shows it: conntrack's TCP
// state for TCP; for the other protocols UNREPLIED until an answer was
// seen, then REPLIED, and ASSURED once the kernel keeps the entry under
// pressure.
func (f *Flow) State() string {
	if f.Protocol == ProtoTCP {
		if int(f.TCPState) < len(tcpStateNames) {
			return tcpStateNames[f.TCPState]
		}
		return strconv.Itoa(int(f.TCPState))
	}
	switch {
	case f.Status&StatusAssured != 0:
		return "ASSURED"
	case f.Status&StatusSeenReply != 0:
		return "REPLIED"
	}
	return "UNREPLIED"
}

// Socket is the flow seen as a socket from its first packet: protocol,
// local end = original source, remote end = original destination, and a
// socket state, so that the socket filters (--state, --port, --sport,
// --dport, --addr) can judge it. A TCP flow takes the socket state of its
// conntrack state (FIN_WAIT becomes FIN_WAIT1, SYN_SENT2 SYN_SENT, NONE
// CLOSE); other flows are ESTABLISHED. Protocols without a socket table
// of their own (ICMP, GRE, ...) become RAW.
func (f *Flow) Socket() sockets.Socket {
	s := sockets.Socket{
		IPv6Table: f.IPv6(),
		Local:     f.Original.Src,
		Remote:    f.Original.Dst,
		State:     sockets.Established,
	}
	switch f.Protocol {
	case ProtoTCP:
		s.Protocol = sockets.TCP
		s.State = sockets.Close
		if int(f.TCPState) < len(socketStates) && socketStates[f.TCPState] != 0 {
			s.State = socketStates[f.TCPState]
		}
	case ProtoUDP:
		s.Protocol = sockets.UDP
	case ProtoUDPLite:
		s.Protocol = sockets.UDPLite
	case ProtoSCTP:
		s.Protocol = sockets.SCTP
	default:
		s.Protocol = sockets.Raw
	}
	return s
}
