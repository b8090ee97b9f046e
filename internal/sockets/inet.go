package sockets

import (
	"net/netip"
	"strconv"
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
	var p string
	switch s.Protocol {
	case TCP:
		p = "tcp"
	case UDP:
		p = "udp"
	case UDPLite:
		p = "udpl"
	case Raw:
		p = "raw"
	}
	if s.IPv6Table {
		p += "6"
	}
	return p
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
}

func (r *inetRow) endpoint(ap netip.AddrPort, proto string) string {
	host := hostText(ap.Addr(), r.numHosts, r.names)
	port := portText(ap.Port(), proto, r.numPorts, r.names)
	return joinEndpoint(host, port, r.wide)
}

// appendRow writes one Internet socket row.
func (r *inetRow) appendRow(b []byte, s *Socket) []byte {
	proto := serviceTable(s.Protocol)
	b = padRight(b, s.label(), 5)
	b = append(b, ' ')
	b = padLeft(b, strconv.FormatInt(int64(s.RecvQ), 10), 6)
	b = append(b, ' ')
	b = padLeft(b, strconv.FormatInt(int64(s.SendQ), 10), 6)
	b = append(b, ' ')
	b = padRight(b, r.endpoint(s.Local, proto), 23)
	b = append(b, ' ')
	b = padRight(b, r.endpoint(s.Remote, proto), 23)
	b = append(b, ' ')
	b = padRight(b, s.stateText(), 11)
	timer := ""
	if r.timers {
		timer = timerText(s)
	}
	return r.appendTail(b, s.UID, s.Inode, timer)
}

// inetHeader returns the two header lines of the Internet section.
func inetHeader(all, listening, user, programs, timers bool) string {
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
