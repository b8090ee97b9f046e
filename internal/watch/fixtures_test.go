package watch

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// update rewrites the golden files of testdata/ from the output.
var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// golden compares got with testdata/name.golden.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// at is the fixed time of the fixtures.
var at = time.Date(2024, 5, 1, 12, 30, 45, 123456789, time.FixedZone("CEST", 2*3600))

// Sockets of the fixtures: a listener, a connection on it, a UDP socket
// and a UNIX listener with a space in its path.
var (
	listener = Socket{Proto: "tcp", Local: "127.0.0.1:8080", Remote: "0.0.0.0:*", State: "LISTEN", Inode: 100, PID: 7, Program: "server"}
	client   = Socket{Proto: "tcp", Local: "127.0.0.1:40000", Remote: "127.0.0.1:8080", State: "ESTABLISHED", Inode: 101, PID: 8, Program: "client", SendQ: 5}
	accepted = Socket{Proto: "tcp", Local: "127.0.0.1:8080", Remote: "127.0.0.1:40000", State: "ESTABLISHED", Inode: 102, PID: 7, Program: "server", RecvQ: 3}
	udp6     = Socket{Proto: "udp6", Local: ":::5353", Remote: ":::*", Inode: 103}
	unixPath = Socket{Proto: "unix", Local: "/run/my app.sock", State: "LISTENING", Type: "STREAM", Inode: 104, PID: 9, Program: "app"}
)

// with returns s in another state.
func with(s Socket, state string) Socket {
	s.State = state
	return s
}
