package procnet

import (
	"errors"
	"github.com/gonetstat/netstat/internal/testenv"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

// fakeSocketProc builds ROOT/net with the given fixtures.
func fakeSocketProc(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, src := range files {
		data, err := os.ReadFile(filepath.Join("testdata", src))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(root, "net", name)
		os.MkdirAll(filepath.Dir(dst), 0o755)
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFSTables(t *testing.T) {
	root := fakeSocketProc(t, map[string]string{
		"tcp": "real_tcp", "tcp6": "real_tcp6", "udp": "real_udp", "udp6": "real_udp6",
		"udplite": "real_udplite", "udplite6": "real_udplite6", "raw": "real_raw", "raw6": "real_raw6",
		"unix": "real_unix", "sctp/eps": "sctp_eps", "sctp/assocs": "sctp_assocs",
	})
	src := FS{Root: root}
	want := map[sockets.Protocol][2]int{sockets.TCP: {10, 5}, sockets.UDP: {2, 2}, sockets.UDPLite: {1, 1}, sockets.Raw: {2, 1}}
	for p, counts := range want {
		for i, v6 := range []bool{false, true} {
			n := 0
			err := src.Inet(p, v6, func(s *sockets.Socket) {
				n++
				if s.Protocol != p || s.IPv6Table != v6 {
					t.Errorf("record %+v from protocol %d v6=%v", s, p, v6)
				}
			}, func() { t.Errorf("bad line in %d/%v", p, v6) })
			if err != nil || n != counts[i] {
				t.Errorf("Inet(%d, %v): %d rows, err %v; want %d", p, v6, n, err, counts[i])
			}
		}
	}
	n := 0
	if err := src.Unix(func(*sockets.UnixSocket) { n++ }, nil); err != nil || n != 8 {
		t.Errorf("Unix: %d rows, %v", n, err)
	}
	n, bad := 0, 0
	if err := src.SCTPEndpoints(false, func(*sockets.SCTPEndpoint) { n++ }, func() { bad++ }); err != nil || n != 3 || bad != 1 {
		t.Errorf("SCTPEndpoints: %d rows, %d bad, %v", n, bad, err)
	}
	n, bad = 0, 0
	if err := src.SCTPAssocs(false, func(*sockets.SCTPAssoc) { n++ }, func() { bad++ }); err != nil || n != 2 || bad != 1 {
		t.Errorf("SCTPAssocs: %d rows, %d bad, %v", n, bad, err)
	}
	// The sctp6 tables do not exist.
	if err := src.SCTPEndpoints(true, nil, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("sctp6/eps: %v", err)
	}
	if err := src.SCTPAssocs(true, nil, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("sctp6/assocs: %v", err)
	}
	if err := src.Legacy(sockets.IPX); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Legacy(IPX): %v", err)
	}
}

func TestFSMissingAndDenied(t *testing.T) {
	root := t.TempDir()
	src := FS{Root: root}
	if err := src.Inet(sockets.TCP, false, nil, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing tcp: %v", err)
	}
	if err := src.Unix(nil, nil); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing unix: %v", err)
	}
	// ipx as a directory does not count; x25 as a directory does.
	os.MkdirAll(filepath.Join(root, "net", "ipx"), 0o755)
	os.MkdirAll(filepath.Join(root, "net", "x25"), 0o755)
	if err := src.Legacy(sockets.IPX); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ipx directory: %v", err)
	}
	if err := src.Legacy(sockets.X25); err != nil {
		t.Errorf("x25 directory: %v", err)
	}
	if os.Geteuid() == 0 {
		return // root reads anything
	}
	p := filepath.Join(root, "net", "tcp")
	os.WriteFile(p, nil, 0)
	if err := src.Inet(sockets.TCP, false, nil, nil); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("unreadable tcp: %v", err)
	}
}

func TestFSDefaultRoot(t *testing.T) {
	if got := (FS{}).path("tcp"); got != "/proc/net/tcp" {
		t.Errorf("default path %s", got)
	}
	if _, err := os.Stat("/proc/net/unix"); err != nil {
		testenv.Skip(t, "no /proc here")
	}
	n := 0
	if err := (FS{}).Unix(func(*sockets.UnixSocket) { n++ }, func() { t.Error("bad line in /proc/net/unix") }); err != nil {
		t.Fatal(err)
	}
}
