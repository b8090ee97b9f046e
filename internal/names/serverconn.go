package names

import (
	"encoding/binary"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
)

// exchange is what the name-server connections of one lookup share:
// whether a read was refused (ICMP port unreachable: nothing listens), and
// the last DNS message read, which firstPTR reads as glibc would.
type exchange struct {
	refused atomic.Bool

	mu    sync.Mutex
	reply []byte
}

// setReply records msg, a whole DNS message read from a name server.
func (e *exchange) setReply(msg []byte) {
	e.mu.Lock()
	e.reply = append(e.reply[:0:0], msg...)
	e.mu.Unlock()
}

// lastReply returns the last DNS message read, or nil.
func (e *exchange) lastReply() []byte {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.reply
}

// serverConn is a connection to a name server, as Go's resolver dials it,
// with three changes: it notes in its exchange whether a read was refused
// and the messages it reads, and, when stripOPT is set, it writes each
// query without the EDNS(0) record Go adds (see withoutOPT).
//
// Go's resolver frames a query by the kind of connection it gets: a
// net.PacketConn gets bare datagrams, anything else the two-byte length
// prefix of DNS over TCP. A wrapper must therefore keep that kind: a UDP
// connection is wrapped as a serverPacketConn.
type serverConn struct {
	net.Conn
	ex       *exchange
	stripOPT bool
	stream   bool   // TCP: every message carries a length prefix
	pending  []byte // TCP: what has been read of the message being read
}

// serverPacketConn is a serverConn over a datagram connection.
type serverPacketConn struct {
	*serverConn
	packets net.PacketConn
}

// wrapServerConn wraps c, keeping its kind.
func wrapServerConn(c net.Conn, ex *exchange, stripOPT bool) net.Conn {
	pc, isPacket := c.(net.PacketConn)
	s := &serverConn{Conn: c, ex: ex, stripOPT: stripOPT, stream: !isPacket}
	if isPacket {
		return &serverPacketConn{serverConn: s, packets: pc}
	}
	return s
}

func (c *serverConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.noteRefusal(err)
	c.noteRead(b[:n])
	return n, err
}

func (c *serverConn) Write(b []byte) (int, error) {
	out, ok := c.plain(b)
	if !ok {
		return c.Conn.Write(b)
	}
	if _, err := c.Conn.Write(out); err != nil {
		return 0, err
	}
	return len(b), nil
}

// noteRefusal records a read refused by the server.
func (c *serverConn) noteRefusal(err error) {
	if errors.Is(err, syscall.ECONNREFUSED) {
		c.ex.refused.Store(true)
	}
}

// noteRead records the messages p completes: p is one whole message on a
// datagram connection, and any part of the length-prefixed stream on TCP.
func (c *serverConn) noteRead(p []byte) {
	if len(p) == 0 {
		return
	}
	if !c.stream {
		c.ex.setReply(p)
		return
	}
	c.pending = append(c.pending, p...)
	for len(c.pending) >= 2 {
		end := 2 + int(binary.BigEndian.Uint16(c.pending))
		if len(c.pending) < end {
			return
		}
		c.ex.setReply(c.pending[2:end])
		c.pending = c.pending[end:]
	}
}

// plain returns the query b without its OPT record, framed as b is, when
// stripOPT is set and b carries one.
func (c *serverConn) plain(b []byte) ([]byte, bool) {
	if !c.stripOPT {
		return nil, false
	}
	if !c.stream {
		return withoutOPT(b)
	}
	if len(b) < 2 {
		return nil, false
	}
	msg, ok := withoutOPT(b[2:])
	if !ok {
		return nil, false
	}
	out := binary.BigEndian.AppendUint16(make([]byte, 0, 2+len(msg)), uint16(len(msg)))
	return append(out, msg...), true
}

func (c *serverPacketConn) ReadFrom(b []byte) (int, net.Addr, error) {
	n, addr, err := c.packets.ReadFrom(b)
	c.noteRefusal(err)
	c.noteRead(b[:n])
	return n, addr, err
}

func (c *serverPacketConn) WriteTo(b []byte, addr net.Addr) (int, error) {
	out, ok := c.plain(b)
	if !ok {
		return c.packets.WriteTo(b, addr)
	}
	if _, err := c.packets.WriteTo(out, addr); err != nil {
		return 0, err
	}
	return len(b), nil
}
