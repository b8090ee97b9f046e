package sockets

import (
	"net/netip"
	"strconv"

	"github.com/gonetstat/netstat/internal/cfmt"
)

// sctpRow formats SCTP rows. net-tools passes its whole numeric word to the
// SCTP address printer, so any numeric flag (or -N) makes hosts numeric, and
// ports are never named.
type sctpRow struct {
	extras
	numeric bool
}

func sctpStateText(state int) string {
	if name, ok := TCPStateName(state); ok {
		return name
	}
	return "UNKNOWN(" + strconv.Itoa(state) + ")"
}

func (r *sctpRow) host(a netip.Addr) string {
	return hostText(a, r.numeric, r.names)
}

func sctpPort(p uint16) string {
	if p == 0 {
		return "*"
	}
	return strconv.FormatUint(uint64(p), 10)
}

// appendEndpoint writes an endpoint (eps) row: one line per local address.
func (r *sctpRow) appendEndpoint(b []byte, e *SCTPEndpoint) []byte {
	port := sctpPort(e.LocalPort)
	for i, a := range e.Local {
		if i == 0 {
			b = append(b, "sctp                "...)
		} else {
			b = append(b, "\n                    "...)
		}
		b = cfmt.AppendLeft(b, r.host(a)+":"+port, 47)
		b = append(b, ' ')
		state := ""
		if i == 0 {
			state = sctpStateText(e.State)
		}
		b = cfmt.AppendLeft(b, state, 11)
	}
	return r.appendTail(b, e.UID, e.Inode, "")
}

// appendAssoc writes an association row: the first line has the queues,
// ports and state; further lines pair up the remaining addresses.
func (r *sctpRow) appendAssoc(b []byte, a *SCTPAssoc) []byte {
	b = append(b, "sctp  "...)
	b = cfmt.AppendRight(b, strconv.FormatUint(a.RecvQ, 10), 6)
	b = append(b, ' ')
	b = cfmt.AppendRight(b, strconv.FormatUint(a.SendQ, 10), 6)
	b = append(b, ' ')
	local, remote := "", ""
	if len(a.Local) > 0 {
		local = r.host(a.Local[0])
	}
	if len(a.Remote) > 0 {
		remote = r.host(a.Remote[0])
	}
	b = cfmt.AppendLeft(b, local+":"+sctpPort(a.LocalPort), 23)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, remote+":"+sctpPort(a.RemotePort), 23)
	b = append(b, ' ')
	b = cfmt.AppendLeft(b, sctpStateText(a.State), 11)
	for i := 1; i < len(a.Local) || i < len(a.Remote); i++ {
		local, remote = "", ""
		if i < len(a.Local) {
			local = r.host(a.Local[i])
		}
		if i < len(a.Remote) {
			remote = r.host(a.Remote[i])
		}
		b = append(b, "\n                    "...)
		b = cfmt.AppendLeft(b, local, 23)
		b = append(b, ' ')
		b = cfmt.AppendLeft(b, remote, 23)
		b = append(b, ' ')
		b = cfmt.AppendLeft(b, "", 11)
	}
	return r.appendTail(b, a.UID, a.Inode, "")
}
