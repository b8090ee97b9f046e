package churn

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// counts tallies what the churners did, for the test log.
type counts struct {
	tcp, udp, unix, procs, errs atomic.Int64
	lastErr                     atomic.Value // string
}

func (c *counts) fail(err error) {
	c.errs.Add(1)
	c.lastErr.Store(err.Error())
}

// pause sleeps a few milliseconds, or returns false when ctx is done.
func pause(ctx context.Context, lo, hi time.Duration) bool {
	t := time.NewTimer(lo + rand.N(hi-lo))
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// closeSome closes random entries of pool until at most keep remain.
func closeSome[T interface{ Close() error }](pool []T, keep int) []T {
	for len(pool) > keep {
		i := rand.N(len(pool))
		pool[i].Close()
		pool[i] = pool[len(pool)-1]
		pool = pool[:len(pool)-1]
	}
	return pool
}

// churnTCP keeps opening listeners on network/addr, connecting to them and
// closing both ends in random order, so every pass sees sockets appear,
// change state and vanish. Some connections stay in the accept queue, owned
// by no process. Most closes send RST (linger 0): a normal close leaves a
// TIME_WAIT socket for a minute, and too many of them would make each
// listing long and the runs few.
func churnTCP(ctx context.Context, c *counts, network, addr string) {
	var lns []net.Listener
	var conns []net.Conn
	defer func() { closeSome(lns, 0); closeSome(conns, 0) }()
	for pause(ctx, 10*time.Millisecond, 30*time.Millisecond) {
		ln, err := net.Listen(network, addr)
		if err != nil {
			c.fail(err)
			continue
		}
		lns = append(lns, ln)
		for range rand.N(4) {
			cl, err := net.Dial(ln.Addr().Network(), ln.Addr().String())
			if err != nil {
				c.fail(err)
				break
			}
			conns = append(conns, cl)
			abort := rand.N(8) > 0
			if abort {
				cl.(*net.TCPConn).SetLinger(0)
			}
			if rand.N(4) == 0 {
				continue // left in the accept queue
			}
			sv, err := ln.Accept()
			if err != nil {
				c.fail(err)
				break
			}
			conns = append(conns, sv)
			if abort {
				sv.(*net.TCPConn).SetLinger(0)
			}
			c.tcp.Add(1)
		}
		lns = closeSome(lns, 4)
		conns = closeSome(conns, 30)
	}
}

// churnUDP binds, connects, sends and closes UDP sockets on 127.0.0.1.
func churnUDP(ctx context.Context, c *counts) {
	var socks []net.Conn
	defer func() { closeSome(socks, 0) }()
	for pause(ctx, 5*time.Millisecond, 15*time.Millisecond) {
		srv, err := net.ListenPacket("udp4", "127.0.0.1:0")
		if err != nil {
			c.fail(err)
			continue
		}
		cl, err := net.Dial("udp4", srv.LocalAddr().String())
		if err != nil {
			srv.Close()
			c.fail(err)
			continue
		}
		cl.Write([]byte("churn"))
		socks = append(socks, srv.(*net.UDPConn), cl)
		socks = closeSome(socks, 20)
		c.udp.Add(1)
	}
}

// churnUnix opens UNIX stream listeners (on a path or an abstract name),
// connects and accepts, and makes datagram sockets and seqpacket pairs,
// closing them in random order.
func churnUnix(ctx context.Context, c *counts, dir string) {
	var socks []interface{ Close() error }
	defer func() { closeSome(socks, 0) }()
	for n := 0; pause(ctx, 5*time.Millisecond, 15*time.Millisecond); n++ {
		name := fmt.Sprintf("@gnst-churn-%d", n)
		if n%2 == 0 {
			name = filepath.Join(dir, fmt.Sprintf("churn-%d.sock", n))
		}
		ln, err := net.Listen("unix", name)
		if err != nil {
			c.fail(err)
			continue
		}
		socks = append(socks, ln)
		if cl, err := net.Dial("unix", name); err == nil {
			socks = append(socks, cl)
			if rand.N(3) > 0 {
				if sv, err := ln.Accept(); err == nil {
					socks = append(socks, sv)
				}
			}
		}
		if d, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: name + "-dgram", Net: "unixgram"}); err == nil {
			socks = append(socks, d)
		}
		if fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_SEQPACKET|syscall.SOCK_CLOEXEC, 0); err == nil {
			socks = append(socks, fdCloser(fds[0]), fdCloser(fds[1]))
		}
		socks = closeSome(socks, 40)
		c.unix.Add(1)
	}
}

// fdCloser closes a raw descriptor.
type fdCloser int

func (f fdCloser) Close() error { return syscall.Close(int(f)) }

// holderNames are the argv[0]s of the socket-holding processes: short, one
// longer than the program column, and one with a space.
var holderNames = []string{"churn-holder", "a-churn-holder-with-a-very-long-name", "churn holder"}

// churnProcs keeps a few holder processes alive, killing one by PID and
// starting another every few tens of milliseconds.
func churnProcs(ctx context.Context, c *counts, procs *procSet) {
	var live []*nstest.Holder
	defer func() {
		for _, h := range live {
			h.Kill()
		}
	}()
	for pause(ctx, 20*time.Millisecond, 60*time.Millisecond) {
		if len(live) >= 5 {
			i := rand.N(len(live))
			live[i].Kill()
			live[i] = live[len(live)-1]
			live = live[:len(live)-1]
		}
		name := holderNames[rand.N(len(holderNames))]
		h, err := nstest.StartHolder(name)
		if err != nil {
			c.fail(err)
			continue
		}
		procs.add(h.PID(), name)
		live = append(live, h)
		c.procs.Add(1)
	}
}
