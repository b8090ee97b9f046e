package tcpinfo

import (
	"fmt"
	"os"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openTUN creates the TUN device name (IP packets, no header) in the
// network namespace at nsPath, or in the caller's when nsPath is empty.
// The device lives as long as the returned file is open.
func openTUN(name, nsPath string) (*os.File, error) {
	type result struct {
		f   *os.File
		err error
	}
	done := make(chan result, 1)
	go func() {
		// The thread may move to another namespace: it stays locked, and
		// the runtime ends it with the goroutine.
		runtime.LockOSThread()
		if nsPath != "" {
			ns, err := unix.Open(nsPath, unix.O_RDONLY|unix.O_CLOEXEC, 0)
			if err != nil {
				done <- result{err: err}
				return
			}
			err = unix.Setns(ns, unix.CLONE_NEWNET)
			unix.Close(ns)
			if err != nil {
				done <- result{err: fmt.Errorf("setns %s: %w", nsPath, err)}
				return
			}
		}
		fd, err := unix.Open("/dev/net/tun", unix.O_RDWR|unix.O_CLOEXEC, 0)
		if err != nil {
			done <- result{err: err}
			return
		}
		ifr, err := unix.NewIfreq(name)
		if err == nil {
			ifr.SetUint16(unix.IFF_TUN | unix.IFF_NO_PI)
			err = unix.IoctlIfreq(fd, unix.TUNSETIFF, ifr)
		}
		if err == nil {
			// Non-blocking, so that the runtime poller serves it and
			// Close ends a pending Read.
			err = unix.SetNonblock(fd, true)
		}
		if err != nil {
			unix.Close(fd)
			done <- result{err: fmt.Errorf("TUN %s: %w", name, err)}
			return
		}
		done <- result{f: os.NewFile(uintptr(fd), name)}
	}()
	r := <-done
	return r.f, r.err
}

// tunRelay makes nearLink here and farLink in the peer as TUN devices and
// carries every packet from one to the other oneWayMS later, in order.
func (p *peer) tunRelay(t *testing.T) {
	t.Helper()
	near, err := openTUN(nearLink, "")
	if err != nil {
		t.Fatal(err)
	}
	far, err := openTUN(farLink, p.path)
	if err != nil {
		near.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { near.Close(); far.Close() })
	go delayed(near, far)
	go delayed(far, near)
}

// packet is one IP packet on its way, and when it may arrive.
type packet struct {
	due  time.Time
	data []byte
}

// delayed copies packets from src to dst oneWayMS after they were read,
// until src is closed.
func delayed(src, dst *os.File) {
	queue := make(chan packet, 8192)
	go func() {
		for pk := range queue {
			time.Sleep(time.Until(pk.due))
			dst.Write(pk.data) // a closed dst at the end is fine
		}
	}()
	defer close(queue)
	buf := make([]byte, 65536)
	for {
		n, err := src.Read(buf)
		if err != nil {
			return
		}
		queue <- packet{time.Now().Add(oneWayMS * time.Millisecond), append([]byte(nil), buf[:n]...)}
	}
}
