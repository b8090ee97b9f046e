// Command farm holds a share of the benchmark's socket farm. Each flag
// asks for one kind of socket:
//
//   - -pairs4, -pairs6: established TCP connections over loopback, IPv4
//     (127.0.2.ID → 127.0.1.ID) and IPv6 (::1 → ::1), both ends held;
//   - -closewait: connections whose client wrote a few bytes and shut down
//     its sending side, so the server end sits in CLOSE_WAIT with unread
//     data and the client end in FIN_WAIT2, both held;
//   - -listeners: extra listening TCP sockets (IPv4 and IPv6 alternately);
//   - -udp: bound UDP sockets (IPv4 and IPv6 alternately);
//   - -timewait: TIME_WAIT sockets, which hold no file descriptor and die
//     after 60 s; see refill.
//
// It prints "ready N" (N sockets made) on stdout, then holds them. Each
// line "refill" on stdin renews the TIME_WAIT batches that are about to
// expire and is answered "ok"; end of file on stdin ends the holder.
//
// A holder's IPv4 addresses are its own (127.0.1.ID as the server,
// 127.0.2.ID as the source), so holders never compete for IPv4 ports. IPv6
// listeners take port 5000+ID on ::1, below the namespace's ephemeral range.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

func main() {
	var k kinds
	id := flag.Int("id", 0, "holder number, 0..253: picks the addresses 127.0.1.ID+1 and 127.0.2.ID+1")
	flag.IntVar(&k.pairs4, "pairs4", 0, "established IPv4 connections (2 fds each)")
	flag.IntVar(&k.pairs6, "pairs6", 0, "established IPv6 connections (2 fds each)")
	flag.IntVar(&k.closeWait, "closewait", 0, "CLOSE_WAIT/FIN_WAIT2 connections with unread data (2 fds each)")
	flag.IntVar(&k.listeners, "listeners", 0, "extra listening TCP sockets")
	flag.IntVar(&k.udp, "udp", 0, "bound UDP sockets")
	flag.IntVar(&k.timeWait, "timewait", 0, "TIME_WAIT sockets (no fds), renewed on \"refill\"")
	flag.Parse()
	h, err := newHolder(*id)
	if err == nil {
		err = h.build(k)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "farm %d: %v\n", *id, err)
		os.Exit(1)
	}
	fmt.Printf("ready %d\n", h.made)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() { // hold until the driver lets go
		if in.Text() == "refill" {
			if err := h.refill(); err != nil {
				fmt.Fprintf(os.Stderr, "farm %d: refill: %v\n", *id, err)
				os.Exit(1)
			}
			fmt.Println("ok")
		}
	}
}

// kinds is how many sockets of each kind a holder makes.
type kinds struct {
	pairs4, pairs6, closeWait, listeners, udp, timeWait int
}

// holder is one process's share of the farm.
type holder struct {
	id             int
	server, source [4]byte
	ln4, ln6       int // the listeners the connections go to
	made           int // sockets made (TIME_WAIT counted when made)
	tw             []twBatch
}

func newHolder(id int) (*holder, error) {
	if id < 0 || id > 253 {
		return nil, fmt.Errorf("id %d out of range", id)
	}
	return &holder{
		id:     id,
		server: [4]byte{127, 0, 1, byte(id + 1)},
		source: [4]byte{127, 0, 2, byte(id + 1)},
		ln4:    -1, ln6: -1,
	}, nil
}

// build makes every socket k asks for.
func (h *holder) build(k kinds) error {
	var err error
	if k.pairs4+k.closeWait+k.timeWait > 0 {
		if h.ln4, err = listenTCP(sa4(h.server, 5000)); err != nil {
			return err
		}
		h.made++
	}
	if k.pairs6 > 0 {
		if h.ln6, err = listenTCP(sa6(5000 + h.id)); err != nil {
			return err
		}
		h.made++
	}
	steps := []struct {
		n    int
		make func(int) error
	}{
		{k.pairs4, func(n int) error { return h.pairs(n, h.ln4, sa4(h.source, 0), sa4(h.server, 5000), false) }},
		{k.pairs6, func(n int) error { return h.pairs(n, h.ln6, sa6(0), sa6(5000+h.id), false) }},
		{k.closeWait, func(n int) error { return h.pairs(n, h.ln4, sa4(h.source, 0), sa4(h.server, 5000), true) }},
		{k.listeners, h.listeners},
		{k.udp, h.udp},
		{k.timeWait, h.timeWait},
	}
	for _, s := range steps {
		if s.n > 0 {
			if err := s.make(s.n); err != nil {
				return err
			}
		}
	}
	return nil
}

// listeners opens n listeners, alternately on port 6000+i of the holder's
// IPv4 address and on ::1 (ports 6000+40*ID.., below the ephemeral range;
// the driver gives every extra listener to one holder).
func (h *holder) listeners(n int) error {
	for i := range n {
		var sa unix.Sockaddr = sa4(h.server, 6000+i)
		if i%2 == 1 {
			sa = sa6(6000 + 40*h.id + i/2)
		}
		if _, err := listenTCP(sa); err != nil {
			return err
		}
		h.made++
	}
	return nil
}

// udp binds n UDP sockets to free ports of the holder's IPv4 address and
// of ::1, alternately.
func (h *holder) udp(n int) error {
	for i := range n {
		var sa unix.Sockaddr = sa4(h.server, 0)
		if i%2 == 1 {
			sa = sa6(0)
		}
		fd, err := socket(sa, unix.SOCK_DGRAM)
		if err != nil {
			return err
		}
		if err := unix.Bind(fd, sa); err != nil {
			return fmt.Errorf("bind udp: %w", err)
		}
		h.made++
	}
	return nil
}

// batch is how many connections are made before they are accepted; it
// stays under the listen backlog so that no SYN is ever dropped.
const batch = 1000

// pairs makes n connections from src to dst (listened on by ln) and keeps
// both ends. With closeWait the client sends 64 bytes and shuts down its
// sending side, which nobody reads.
func (h *holder) pairs(n, ln int, src, dst unix.Sockaddr, closeWait bool) error {
	data := make([]byte, 64)
	for done := 0; done < n; {
		k := min(batch, n-done)
		for range k {
			fd, err := dial(src, dst)
			if err != nil {
				return fmt.Errorf("connect after %d: %w", done, err)
			}
			if closeWait {
				if _, err := unix.Write(fd, data); err != nil {
					return err
				}
				if err := unix.Shutdown(fd, unix.SHUT_WR); err != nil {
					return err
				}
			}
		}
		for range k {
			if _, _, err := unix.Accept4(ln, unix.SOCK_CLOEXEC); err != nil {
				return fmt.Errorf("accept: %w", err)
			}
		}
		done += k
		h.made += 2 * k
	}
	return nil
}

// twBatch is a set of TIME_WAIT sockets made together.
type twBatch struct {
	n    int
	made time.Time
}

// twBatches is how many batches the TIME_WAIT sockets are split into, and
// twRenew the age at which refill replaces a batch: a TIME_WAIT socket
// lives 60 s (TCP_TIMEWAIT_LEN), so a renewed batch's old sockets linger
// at most 60 s - twRenew beside the new ones.
const (
	twBatches = 4
	twRenew   = 45 * time.Second
)

// timeWait makes n TIME_WAIT sockets in twBatches batches.
func (h *holder) timeWait(n int) error {
	for i := range twBatches {
		k := n/twBatches + btoi(i < n%twBatches)
		if err := h.makeTimeWait(k); err != nil {
			return err
		}
		h.tw = append(h.tw, twBatch{k, time.Now()})
		h.made += k
	}
	return nil
}

// refill remakes every TIME_WAIT batch older than twRenew.
func (h *holder) refill() error {
	for i, b := range h.tw {
		if time.Since(b.made) < twRenew {
			continue
		}
		if err := h.makeTimeWait(b.n); err != nil {
			return err
		}
		h.tw[i].made = time.Now()
	}
	return nil
}

// makeTimeWait makes n connections from 127.0.3.ID+1 and closes them
// client first, which leaves the client end in TIME_WAIT.
func (h *holder) makeTimeWait(n int) error {
	src := sa4([4]byte{127, 0, 3, byte(h.id + 1)}, 0)
	for done := 0; done < n; {
		k := min(batch, n-done)
		clients := make([]int, 0, k)
		for range k {
			fd, err := dial(src, sa4(h.server, 5000))
			if err != nil {
				return fmt.Errorf("time-wait connect: %w", err)
			}
			clients = append(clients, fd)
		}
		for _, fd := range clients {
			s, _, err := unix.Accept4(h.ln4, unix.SOCK_CLOEXEC)
			if err != nil {
				return fmt.Errorf("accept: %w", err)
			}
			unix.Close(fd)
			unix.Close(s)
		}
		done += k
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sa4(a [4]byte, port int) *unix.SockaddrInet4 { return &unix.SockaddrInet4{Addr: a, Port: port} }

func sa6(port int) *unix.SockaddrInet6 {
	return &unix.SockaddrInet6{Addr: [16]byte{15: 1}, Port: port}
}

// socket opens a socket of sa's family.
func socket(sa unix.Sockaddr, typ int) (int, error) {
	family := unix.AF_INET
	if _, ok := sa.(*unix.SockaddrInet6); ok {
		family = unix.AF_INET6
	}
	return unix.Socket(family, typ|unix.SOCK_CLOEXEC, 0)
}

// listenTCP opens a TCP listener on sa with a backlog above batch.
func listenTCP(sa unix.Sockaddr) (int, error) {
	fd, err := socket(sa, unix.SOCK_STREAM)
	if err != nil {
		return -1, err
	}
	if err := unix.Bind(fd, sa); err != nil {
		return -1, fmt.Errorf("bind %v: %w", sa, err)
	}
	if err := unix.Listen(fd, 2*batch); err != nil {
		return -1, err
	}
	return fd, nil
}

// dial connects a blocking socket from src (any port) to dst.
func dial(src, dst unix.Sockaddr) (int, error) {
	fd, err := socket(dst, unix.SOCK_STREAM)
	if err != nil {
		return -1, err
	}
	if err := unix.Bind(fd, src); err != nil {
		unix.Close(fd)
		return -1, fmt.Errorf("bind: %w", err)
	}
	if err := unix.Connect(fd, dst); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}
