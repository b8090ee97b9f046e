package sockets

import "net/netip"

// Thin exported views of the listing's own rules, for the other renderers
// of the socket listing (package jsonout): they select and name rows
// exactly as the text does.

// IsServer reports whether a row counts as a "server" for -l (TCP: no
// remote port; the others: no remote address).
func (s *Socket) IsServer() bool { return s.isServer() }

// Label is the Proto column text: tcp, tcp6, udp, udp6, udpl, udpl6, raw,
// raw6.
func (s *Socket) Label() string { return s.label() }

// StateText is the State column text (for RAW the kernel number, for UDP
// "ESTABLISHED", "" or "UNKNOWN").
func (s *Socket) StateText() string { return s.stateText() }

// TimerText is the -o column text, e.g. "keepalive (7.12/0/0)".
func (s *Socket) TimerText() string { return timerText(s) }

// ServiceTable names the services table the listing looks a protocol's
// ports up in ("tcp", "udp", "raw").
func ServiceTable(p Protocol) string { return serviceTable(p) }

// HostText is the host part of an endpoint as the listing writes it: the
// numeric text, or a name found by names unless numeric.
func HostText(a netip.Addr, numeric bool, names Namer) string { return hostText(a, numeric, names) }

// PortText is the port part of an endpoint as the listing writes it: '*'
// for port 0, else a service name of the given table unless numeric, else
// the number.
func PortText(port uint16, proto string, numeric bool, names Namer) string {
	return portText(port, proto, numeric, names)
}

// IsListening reports whether a UNIX socket counts as a "server" for -l.
func (u *UnixSocket) IsListening() bool { return u.isListening() }

// FlagsText is the Flags column text, e.g. "[ ACC ]".
func (u *UnixSocket) FlagsText() string { return u.flagsText() }

// TypeText is the Type column text (STREAM, DGRAM, ...).
func (u *UnixSocket) TypeText() string { return u.typeText() }

// StateText is the State column text (LISTENING, CONNECTED, "", ...).
func (u *UnixSocket) StateText() string { return u.stateText() }

// SCTPStateText is the State column of an SCTP row: the TCP state name,
// or "UNKNOWN(N)".
func SCTPStateText(state int) string { return sctpStateText(state) }

// SelectionText is the end of a section title for -a / -l: "(servers and
// established)", "(only servers)" or "(w/o servers)".
func SelectionText(all, listening bool) string { return selectionText(all, listening) }
