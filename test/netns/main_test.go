package netns_test

import (
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
	"golang.org/x/sys/unix"
)

// envHolder makes the test binary a socket holder (see holderMain) instead
// of running the tests.
const envHolder = "GNST_NETNS_HOLDER"

// A holder enters its namespace on the main thread: --all-netns finds a
// process's namespace in /proc/PID/ns/net, which is the thread-group
// leader's. By the time TestMain runs, the main goroutine may have moved
// to another thread; locking it in init keeps it on the leader.
func init() {
	if os.Getenv(envHolder) != "" {
		runtime.LockOSThread()
	}
}

func TestMain(m *testing.M) {
	if spec := os.Getenv(envHolder); spec != "" {
		os.Exit(holderMain(spec))
	}
	nstest.Main(m)
}

// holderMain runs a holder: spec is "PORT" or "PORT NSPATH". It enters
// NSPATH (if given) on the main thread (locked in init), then opens a TCP listener on
// 0.0.0.0:PORT, a connection to it over 127.0.0.1 when lo is up, a UDP
// socket on PORT+1 and an abstract UNIX listener "@gnst-netns-PORT",
// writes "ready" and holds them until stdin closes.
func holderMain(spec string) int {
	var port int
	var path string
	fmt.Sscan(spec, &port, &path)
	if path != "" {
		f, err := os.Open(path)
		if err == nil {
			err = unix.Setns(int(f.Fd()), unix.CLONE_NEWNET)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "holder:", err)
			return 1
		}
	}
	ln, err := net.Listen("tcp4", "0.0.0.0:"+strconv.Itoa(port))
	if err != nil {
		fmt.Fprintln(os.Stderr, "holder:", err)
		return 1
	}
	keep := []io.Closer{ln}
	if c, err := net.Dial("tcp4", "127.0.0.1:"+strconv.Itoa(port)); err == nil {
		a, _ := ln.Accept()
		keep = append(keep, c, a)
	}
	if u, err := net.ListenPacket("udp4", "0.0.0.0:"+strconv.Itoa(port+1)); err == nil {
		keep = append(keep, u)
	}
	if u, err := net.Listen("unix", "@gnst-netns-"+strconv.Itoa(port)); err == nil {
		keep = append(keep, u)
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	for _, c := range keep {
		c.Close()
	}
	return 0
}
