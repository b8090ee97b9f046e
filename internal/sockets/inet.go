package sockets

import (
	"net/netip"
	"strconv"

	"github.com/gonetstat/netstat/internal/cfmt"
)

var tcpStates = [...]string{
	"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
}

// TCPStateName returns net-tools' name for a TCP (or SCTP) state number, and
// false for a number outside the table.
func TCPStateName(state int) (string, bool) {
	if state < 0 || state >= len(tcpStates) {
		return "", false
	}
	return tcpStates[state], true
}

// label returns the Proto column text: tcp, tcp6, udp, udp6, udpl, udpl6,
// raw, raw6.
func (s *Socket) label() string {
	v6 := 0
	if s.IPv6Table {
		v6 = 1
	}
	switch s.Protocol {
	case TCP:
		return [2]string{"tcp", "tcp6"}[v6]
	case UDP:
		return [2]string{"udp", "udp6"}[v6]
	case UDPLite:
		return [2]string{"udpl", "udpl6"}[v6]
	case Raw:
		return [2]string{"raw", "raw6"}[v6]
	}
	return [2]string{"", "6"}[v6]
}

// serviceTable names the services table a protocol's ports are looked up in.
func serviceTable(p Protocol) string {
	switch p {
	case TCP:
		return "tcp"
	case UDP, UDPLite:
		return "udp"
	case Raw:
		return "raw"
	}
	return ""
}

// isServer reports whether a row counts as a "server" for -l: TCP by the
// remote port, the others by the remote address (spec §2.4).
func (s *Socket) isServer() bool {
	if s.Protocol == TCP {
		return s.Remote.Port() == 0
	}
	return s.Remote.Addr().IsUnspecified() || !s.Remote.Addr().IsValid()
}

func (s *Socket) stateText() string {
	switch s.Protocol {
	case TCP:
		name, _ := TCPStateName(int(s.State))
		return name
	case Raw:
		return strconv.Itoa(int(s.State))
	}
	switch s.State {
	case Established:
		return "ESTABLISHED"
	case Close:
		return ""
	}
	return "UNKNOWN"
}

// inetRow formats Internet socket rows.
type inetRow struct {
	extras
	numHosts bool
	numPorts bool
	wide     bool

	host, port []byte // scratch for appendAddrPort
}

// appendAddrPort appends the "host:port" column, padded to 23 columns,
// through the row's scratch buffers so that a numeric row allocates
// nothing.
func (r *inetRow) appendAddrPort(b []byte, ap netip.AddrPort, proto string) []byte {
	a := ap.Addr()
	if r.numHosts && a.Is4() {
		r.host = a.AppendTo(r.host[:0]) // addrtext.IPv4's numeric text
	} else {
		r.host = append(r.host[:0], hostText(a, r.numHosts, r.names)...)
	}
	switch port := ap.Port(); {
	case port == 0:
		r.port = append(r.port[:0], '*')
	case r.numPorts:
		r.port = strconv.AppendUint(r.port[:0], uint64(port), 10)
	default:
		r.port = append(r.port[:0], portText(port, proto, false, r.names)...)
	}
	start := len(b)
	b = appendEndpoint(b, r.host, r.port, r.wide)
	for n := len(b) - start; n < 23; n++ {
		b = append(b, ' ')
	}
	return b
}

// appendRow writes one Internet socket row.
func (r *inetRow) appendRow(b []byte, s *Socket) []byte {
	proto := serviceTable(s.Protocol)
	b = cfmt.AppendLeft(b, s.label(), 5)
	b = append(b, ' ')
	b = appendPadInt(b, int64(s.RecvQ), 6)
	b = append(b, ' ')
	b = appendPadInt(b, int64(s.SendQ), 6)
	b = append(b, ' ')
	b = r.appendAddrPort(b, s.Local, proto)
	b = append(b, ' ')
	b = r.appendAddrPort(b, s.Remote, proto)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, s.stateText(), 11)
	timer := ""
	if r.timers {
		timer = timerText(s)
	}
	b = r.appendTail(b, s.UID, s.Inode, timer)
	if s.Info != nil {
		// --tcp-info: after every net-tools column, before the newline.
		b = append(appendTCPInfo(b[:len(b)-1], s.Info), '\n')
	}
	return b
}

// appendPadInt appends v right-justified in width columns (printf "%*d").
func appendPadInt(b []byte, v int64, width int) []byte {
	var digits [20]byte
	return cfmt.AppendRight(b, string(strconv.AppendInt(digits[:0], v, 10)), width)
}

// inetHeader returns the two header lines of the Internet section;
// tcpInfo adds the word over the --tcp-info columns.
func inetHeader(all, listening, user, programs, timers, tcpInfo bool) string {
	b := make([]byte, 0, 160)
	b = append(b, "Active Internet connections "...)
	b = append(b, selectionText(all, listening)...)
	b = append(b, "\nProto Recv-Q Send-Q Local Address           Foreign Address         State      "...)
	if user {
		b = append(b, " User       Inode     "...)
	}
	if programs {
		b = append(b, " PID/Program name    "...)
	}
	if timers {
		b = append(b, " Timer"...)
	}
	if tcpInfo {
		b = append(b, tcpInfoHeader...)
	}
	return string(append(b, '\n'))
}

func selectionText(all, listening bool) string {
	switch {
	case all:
		return "(servers and established)"
	case listening:
		return "(only servers)"
	}
	return "(w/o servers)"
}
