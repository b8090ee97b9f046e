package nstest

import (
	"net"
	"testing"
)

// FreeAddress returns a loopback address ("127.0.0.1:PORT") with a port
// nothing listens on, for a server the test is about to start.
func FreeAddress(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
