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

func TestMain(m *testing.M) {
	if spec := os.Getenv(envHolder); spec != "" {
		os.Exit(holderMain(spec))
	}
	nstest.Main(m)
}

// holderMain runs a holder: spec is "PORT" or "PORT NSPATH". It enters
// NSPATH (if given) on the main thread, then opens a TCP listener on
// 0.0.0.0:PORT, a connection to it over 127.0.0.1 when lo is up, a UDP
// socket on PORT+1 and an abstract UNIX listener "@gnst-netns-PORT",
// writes "ready" and holds them until stdin closes.
func holderMain(spec string) int {
	var port int
	var path string
	fmt.Sscan(spec, &port, &path)
	runtime.LockOSThread()
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
