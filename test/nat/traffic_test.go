package nat

import (
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strconv"
	"testing"
	"time"
)

// ioTimeout bounds every exchange of the lab.
const ioTimeout = 5 * time.Second

// startServers opens the server's TCP and UDP echo services.
func (l *lab) startServers(t *testing.T) {
	t.Helper()
	var ln, ln6 net.Listener
	var pc net.PacketConn
	err := inNetns(l.server, func() (err error) {
		if ln, err = net.Listen("tcp4", net.JoinHostPort(serverAddr, strconv.Itoa(serverPort))); err != nil {
			return err
		}
		if ln6, err = net.Listen("tcp6", net.JoinHostPort(server6, strconv.Itoa(serverPort))); err != nil {
			return err
		}
		pc, err = net.ListenPacket("udp4", net.JoinHostPort(serverAddr, strconv.Itoa(udpPort)))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close(); ln6.Close(); pc.Close() })
	go echoTCP(t, ln)
	go echoTCP(t, ln6)
	go func() {
		buf := make([]byte, 1500)
		for {
			n, from, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			pc.WriteTo(buf[:n], from)
		}
	}()
}

// echoTCP sends back what every connection to ln sends, until ln closes.
func echoTCP(t *testing.T, ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		t.Cleanup(func() { c.Close() })
		go io.Copy(c, c)
	}
}

// exchange dials addr from the client, sends a message and waits for its
// echo. The connection stays open until the test ends, so a TCP entry
// stays ESTABLISHED.
func (l *lab) exchange(t *testing.T, network, addr string) (local net.Addr) {
	t.Helper()
	var c net.Conn
	if err := inNetns(l.client, func() (err error) {
		c, err = net.DialTimeout(network, addr, ioTimeout)
		return err
	}); err != nil {
		t.Fatalf("%s %s from the client: %v", network, addr, err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(ioTimeout))
	msg := []byte("hello through the router")
	if _, err := c.Write(msg); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadFull(c, make([]byte, len(msg))); err != nil {
		t.Fatalf("%s %s: no echo: %v", network, addr, err)
	}
	return c.LocalAddr()
}

// ping sends one ICMP echo request with identifier id from the client to
// the server and waits for the reply.
func (l *lab) ping(t *testing.T, id uint16) {
	t.Helper()
	var pc net.PacketConn
	if err := inNetns(l.client, func() (err error) {
		pc, err = net.ListenPacket("ip4:icmp", clientAddr)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	req := make([]byte, 16)
	req[0] = 8 // echo request
	binary.BigEndian.PutUint16(req[4:], id)
	binary.BigEndian.PutUint16(req[6:], 1)
	copy(req[8:], "gnst-nat")
	binary.BigEndian.PutUint16(req[2:], checksum(req))
	if _, err := pc.WriteTo(req, &net.IPAddr{IP: net.ParseIP(serverAddr)}); err != nil {
		t.Fatal(err)
	}
	pc.SetReadDeadline(time.Now().Add(ioTimeout))
	buf := make([]byte, 1500)
	for {
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			t.Fatalf("no echo reply from %s: %v", serverAddr, err)
		}
		if n >= 8 && buf[0] == 0 && binary.BigEndian.Uint16(buf[4:]) == id {
			return
		}
	}
}

// checksum is the Internet checksum of b.
func checksum(b []byte) uint16 {
	var sum uint32
	for i := 0; i+1 < len(b); i += 2 {
		sum += uint32(binary.BigEndian.Uint16(b[i:]))
	}
	if len(b)%2 == 1 {
		sum += uint32(b[len(b)-1]) << 8
	}
	for sum>>16 != 0 {
		sum = sum&0xffff + sum>>16
	}
	return ^uint16(sum)
}

// hostPort is "host:port".
func hostPort(host string, port int) string { return net.JoinHostPort(host, fmt.Sprint(port)) }
