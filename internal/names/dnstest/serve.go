package dnstest

import (
	"encoding/binary"
	"io"
	"net"
	"sync/atomic"
	"time"
)

// A Replier answers one DNS message received over UDP (udp set) or TCP:
// the message to send back, or false to stay silent.
type Replier func(msg []byte, udp bool) (answer []byte, ok bool)

// Serve answers DNS on udp and tcp until they are closed, in goroutines
// of its own. Each datagram is passed to reply, and so is the one
// length-prefixed message of each TCP connection, which is closed after
// the answer. A TCP message shorter than its prefix says (a stale prefix)
// or followed by more bytes is not passed on: malformed counts it.
func Serve(udp net.PacketConn, tcp net.Listener, reply Replier, malformed *atomic.Int64) {
	go serveUDP(udp, reply)
	go func() {
		for {
			c, err := tcp.Accept()
			if err != nil {
				return
			}
			go serveStream(c, reply, malformed)
		}
	}()
}

func serveUDP(udp net.PacketConn, reply Replier) {
	buf := make([]byte, 65536)
	for {
		n, from, err := udp.ReadFrom(buf)
		if err != nil {
			return
		}
		if out, ok := reply(buf[:n], true); ok {
			udp.WriteTo(out, from)
		}
	}
}

// serveStream answers the one query of a TCP connection.
func serveStream(c net.Conn, reply Replier, malformed *atomic.Int64) {
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	var prefix [2]byte
	if _, err := io.ReadFull(c, prefix[:]); err != nil {
		return
	}
	msg := make([]byte, binary.BigEndian.Uint16(prefix[:]))
	c.SetReadDeadline(time.Now().Add(500 * time.Millisecond))
	if _, err := io.ReadFull(c, msg); err != nil {
		malformed.Add(1)
		return
	}
	c.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	if n, _ := c.Read(make([]byte, 1)); n > 0 {
		malformed.Add(1)
		return
	}
	if out, ok := reply(msg, false); ok {
		c.Write(append(binary.BigEndian.AppendUint16(nil, uint16(len(out))), out...))
	}
}
