package exporter

import (
	"io"
	"net"
	"testing"
	"time"
)

// Shape of the sockets the tests make.
const (
	establishedPairs = 5 // accepted connections: 10 ESTABLISHED sockets
	closeWaits       = 3 // the peer closed, the server did not
	waitingAccepts   = 2 // completed, never accepted
)

// population is the sockets a test holds.
type population struct {
	// backlogAddr is the listener that never accepts.
	backlogAddr string
}

// makeSockets opens the population on 127.0.0.1 and closes it when the
// test ends.
func makeSockets(t *testing.T) population {
	t.Helper()
	var keep []io.Closer
	t.Cleanup(func() {
		for _, c := range keep {
			c.Close()
		}
	})
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	keep = append(keep, ln)
	pair := func() (client, server net.Conn) {
		c, err := net.Dial("tcp4", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		s, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		keep = append(keep, c, s)
		return c, s
	}
	for range establishedPairs {
		pair()
	}
	for range closeWaits {
		c, _ := pair()
		c.Close() // the server side goes to CLOSE_WAIT, the client to FIN_WAIT2
	}
	idle, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	keep = append(keep, idle)
	for range waitingAccepts {
		c, err := net.Dial("tcp4", idle.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		keep = append(keep, c)
	}
	time.Sleep(100 * time.Millisecond) // the FINs are through
	return population{backlogAddr: idle.Addr().String()}
}
