package sockdiag

import (
	"bytes"

	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"
)

// heldRecLen is the size of one kept IPv6 row: the fixed part of its
// inet_diag_msg, then hasInfo, retransmits and probes from its attributes
// (the only attributes a TCP row uses) and a pad byte.
const heldRecLen = msgLen + 4

// heldChunkRows is the number of rows per chunk of a heldRows. Chunks of a
// fixed size are never copied as the store grows, and stay for the next
// dump (netstat -c).
const heldChunkRows = 1024

// heldRows keeps the IPv6 rows of a TCP dump of both families, compactly
// and in kernel order, until they are visited.
type heldRows struct {
	chunks [][]byte // heldChunkRows*heldRecLen bytes each
	n      int      // rows kept
	valid  bool     // the rows of a finished dump, not yet visited
	ext    uint8    // idiag_ext of that dump
	states uint32   // idiag_states of that dump
	prog   []byte   // filter program of that dump, nil for none
}

// ready reports whether h holds the finished IPv6 half of a dump made
// with ext, states and the filter program prog.
func (h *heldRows) ready(ext uint8, states uint32, prog []byte) bool {
	return h.valid && h.ext == ext && h.states == states && bytes.Equal(h.prog, prog)
}

// drop forgets the kept rows, keeping the chunks.
func (h *heldRows) drop() {
	h.n, h.valid = 0, false
}

// add keeps the message body b (at least msgLen bytes) with attributes a.
func (h *heldRows) add(b []byte, a *msgAttrs) {
	i, j := h.n/heldChunkRows, h.n%heldChunkRows
	if i == len(h.chunks) {
		h.chunks = append(h.chunks, make([]byte, heldChunkRows*heldRecLen))
	}
	rec := h.chunks[i][j*heldRecLen : (j+1)*heldRecLen]
	copy(rec, b[:msgLen])
	rec[msgLen] = 0
	if a.hasInfo {
		rec[msgLen] = 1
	}
	rec[msgLen+1], rec[msgLen+2], rec[msgLen+3] = a.retransmits, a.probes, 0
	h.n++
}

// inetTCPBoth is Inet(TCP, false, visit, bad) with BothFamilies: one legacy
// dump whose IPv4 rows are visited as they arrive and whose IPv6 rows are
// kept for Inet(TCP, true, ...), with the filter program prog when not
// nil. When the kernel refuses the request before sending a row, it
// reports done false, and the Reader does not ask again (with a program:
// does not ask again with one).
func (r *Reader) inetTCPBoth(ext uint8, states uint32, prog []byte, visit func(*sockets.Socket), bad func()) (done bool, err error) {
	if r.listeners != nil {
		r.listeners.reset()
	}
	var q legacyRequest
	q.dumpBoth(ext, states)
	data := q[:]
	if prog != nil {
		r.msg = appendBytecode(append(r.msg[:0], q[:]...), prog)
		data = r.msg
	}
	_, err = r.conn.Send(netlink.Message{
		Header: netlink.Header{Type: tcpDiagGetSock, Flags: netlink.Request | netlink.Dump},
		Data:   data,
	})
	if err != nil {
		return true, r.dumpError(sockets.TCP, false, err)
	}
	seen := false
	var attrs msgAttrs
	err = r.receiveDump(tcpDiagGetSock, func(body []byte) {
		seen = true
		if len(body) >= msgLen && body[0] == unix.AF_INET6 {
			parseAttrs(body[msgLen:], &attrs)
			r.held.add(body, &attrs)
			return
		}
		if !decodeInetDiag(body, sockets.TCP, false, &r.rec) {
			if bad != nil {
				bad()
			}
			return
		}
		if isRequestSock(&r.rec) {
			r.rec.UID = r.listenerUID(r.rec.Local)
		}
		visit(&r.rec)
	})
	if err != nil {
		r.held.drop()
		if !seen {
			// An older or stricter kernel without the legacy request
			// (or without programs on it): ask per family from now on.
			if prog != nil {
				r.noLegacyBC = true
			} else {
				r.noLegacy = true
			}
			return false, nil
		}
		return true, r.dumpError(sockets.TCP, false, err)
	}
	r.held.valid, r.held.ext, r.held.states = true, ext, states
	r.held.prog = append(r.held.prog[:0], prog...)
	return true, nil
}

// visitHeld visits the kept IPv6 rows in the order the kernel sent them,
// and forgets them.
func (r *Reader) visitHeld(visit func(*sockets.Socket)) {
	var attrs msgAttrs
	for k := 0; k < r.held.n; k++ {
		c := r.held.chunks[k/heldChunkRows]
		j := k % heldChunkRows
		rec := c[j*heldRecLen : (j+1)*heldRecLen]
		attrs = msgAttrs{hasInfo: rec[msgLen] != 0, retransmits: rec[msgLen+1], probes: rec[msgLen+2]}
		if !decodeMsg(rec[:msgLen], &attrs, sockets.TCP, true, &r.rec) {
			continue // cannot happen: add kept only AF_INET6 rows
		}
		if isRequestSock(&r.rec) {
			r.rec.UID = r.listenerUID(r.rec.Local)
		}
		visit(&r.rec)
	}
	r.held.drop()
}
