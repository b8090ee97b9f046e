package compat

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// World is a network namespace with deterministic name-lookup files and the
// processes holding sockets in it.
type World struct {
	// Name is the namespace name, gnst-<pid>-<n>.
	Name string
	// Dir holds the UNIX socket paths; Shared is a world-writable
	// subdirectory for unprivileged holders.
	Dir, Shared string
	// Holders are the socket-holding processes, in start order.
	Holders []*Holder
	// Reader, when set, is passed to our netstat as NETSTAT_READER.
	Reader string
}

// worldSeq numbers the worlds of this process.
var worldSeq atomic.Int32

// Fixed addressing of the world. All addresses come from documentation
// ranges, except 0.0.0.5, which exercises the /etc/networks lookup.
const (
	vethA     = "gnv0"
	vethB     = "gnv1"
	macA      = "02:00:5e:00:53:0a"
	macB      = "02:00:5e:00:53:14"
	addrA4    = "192.0.2.10"
	addrB4    = "198.51.100.20"
	addrA6    = "2001:db8:10::10"
	addrB6    = "2001:db8:20::20"
	addrNet0  = "0.0.0.5"
	longHost  = "a-very-long-hostname-for-testing.example.com"
	shortHost = "alpha.example"
)

// etcFiles are written to /etc/netns/NAME; `ip netns exec` bind-mounts them
// over /etc. resolv.conf points at 127.0.0.1 inside the namespace where
// nothing listens on port 53, so DNS fails at once.
var etcFiles = map[string]string{
	"hosts": "127.0.0.1\tlocalhost\n" +
		"::1\tip6-localhost ip6-loopback\n" +
		addrA4 + "\t" + shortHost + " alpha\n" +
		addrB4 + "\t" + longHost + "\n" +
		addrA6 + "\tsix.example\n",
	"networks":    "fivenet\t0.0.0.5\nloopback\t127.0.0.0\n",
	"resolv.conf": "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n",
}

// NewWorld creates the namespace, its interfaces and /etc/netns files. All
// of it is removed in t.Cleanup.
func NewWorld(t *testing.T) *World {
	t.Helper()
	w := &World{Name: fmt.Sprintf("gnst-%d-%d", os.Getpid(), worldSeq.Add(1))}

	dir, err := os.MkdirTemp(env.dir, "world-")
	if err != nil {
		t.Fatal(err)
	}
	w.Dir, w.Shared = dir, filepath.Join(dir, "shared")
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Mkdir(w.Shared, 0o777); err != nil {
		t.Fatal(err)
	}
	// Mkdir honours the umask; the holders need these modes exactly.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(w.Shared, 0o777); err != nil {
		t.Fatal(err)
	}

	w.ip(t, "netns", "add", w.Name)
	t.Cleanup(func() {
		if out, err := exec.Command(env.ip, "netns", "del", w.Name).CombinedOutput(); err != nil {
			t.Errorf("ip netns del %s: %v: %s", w.Name, err, out)
		}
	})

	etc := filepath.Join("/etc/netns", w.Name)
	t.Cleanup(func() { os.RemoveAll(etc) })
	if err := os.MkdirAll(etc, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range etcFiles {
		if err := os.WriteFile(filepath.Join(etc, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	n := []string{"-n", w.Name}
	w.ip(t, append(n, "link", "set", "lo", "up")...)
	w.ip(t, append(n, "link", "add", vethA, "address", macA, "type", "veth",
		"peer", "name", vethB, "address", macB)...)
	w.ip(t, append(n, "addr", "add", addrA4+"/24", "dev", vethA)...)
	w.ip(t, append(n, "addr", "add", addrA6+"/64", "dev", vethA, "nodad")...)
	w.ip(t, append(n, "addr", "add", addrB4+"/24", "dev", vethB)...)
	w.ip(t, append(n, "addr", "add", addrB6+"/64", "dev", vethB, "nodad")...)
	w.ip(t, append(n, "addr", "add", addrNet0+"/32", "dev", vethB)...)
	w.ip(t, append(n, "link", "set", vethA, "up")...)
	w.ip(t, append(n, "link", "set", vethB, "up")...)
	return w
}

// ip runs the ip command and fails the test on error.
func (w *World) ip(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command(env.ip, args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// Path returns a UNIX socket path inside the world directory.
func (w *World) Path(name string) string {
	return filepath.Join(w.Dir, name)
}
