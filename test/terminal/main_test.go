package terminal

import (
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// envHolder makes the test binary a socket holder (see holderMain) instead
// of running the tests.
const envHolder = "GNST_TERMINAL_HOLDER"

func TestMain(m *testing.M) {
	if spec := os.Getenv(envHolder); spec != "" {
		os.Exit(holderMain(spec))
	}
	nstest.Main(m)
}

// holderSpec encodes what a holder opens: blank-separated KIND:HEX items,
// HEX being the address or socket name in hex, so that any byte but NUL
// survives the environment. KIND is tcp (a listener and a connection to
// it), stream (a UNIX listener and a connection to it) or dgram (a bound
// UNIX datagram socket).
func holderSpec(h hostileHolder, dir string) string {
	items := []string{"tcp:" + hex.EncodeToString([]byte(h.listen))}
	for _, s := range h.sockets {
		kind := "stream"
		if s.dgram {
			kind = "dgram"
		}
		items = append(items, kind+":"+hex.EncodeToString([]byte(socketAddr(s, dir))))
	}
	return strings.Join(items, " ")
}

// socketAddr is the address a hostile socket binds: its abstract name, or
// its name in dir.
func socketAddr(s hostileSocket, dir string) string {
	if strings.HasPrefix(s.name, "@") {
		return s.name
	}
	return dir + "/" + s.name
}

// holderMain opens the sockets spec names, writes "ready" and keeps them
// until its stdin closes.
func holderMain(spec string) int {
	var keep []io.Closer
	for _, item := range strings.Fields(spec) {
		kind, code, _ := strings.Cut(item, ":")
		addr, err := hex.DecodeString(code)
		if err == nil {
			keep, err = open(keep, kind, string(addr))
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "holder: %s %q: %v\n", kind, addr, err)
			return 1
		}
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	for _, c := range keep {
		c.Close()
	}
	return 0
}

// open opens the sockets of one spec item and adds them to keep.
func open(keep []io.Closer, kind, addr string) ([]io.Closer, error) {
	network := map[string]string{"tcp": "tcp4", "stream": "unix"}[kind]
	if kind == "dgram" {
		c, err := net.ListenPacket("unixgram", addr)
		if err != nil {
			return keep, err
		}
		return append(keep, c), nil
	}
	if network == "" {
		return keep, fmt.Errorf("unknown kind")
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		return keep, err
	}
	keep = append(keep, ln)
	c, err := net.Dial(network, addr)
	if err != nil {
		return keep, err
	}
	keep = append(keep, c)
	a, err := ln.Accept()
	if err != nil {
		return keep, err
	}
	return append(keep, a), nil
}
