package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/testenv"
)

// holderEnv makes the test binary act as a process that holds a UNIX
// listener at the path it names, until killed.
const holderEnv = "NETSTAT_TEST_HOLD_UNIX"

func TestMain(m *testing.M) {
	if path := os.Getenv(holderEnv); path != "" {
		l, err := net.Listen("unix", path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("ready")
		defer l.Close()
		select {}
	}
	os.Exit(m.Run())
}

// evilName is a program name that would clear a terminal and turn it red.
const evilName = "/tmp/ev\x1b[2J\x1b[31mil"

// startEvilHolder starts a process whose argv[0] holds escape sequences and
// which listens on a UNIX socket, so that `-xp` prints its name.
func startEvilHolder(t *testing.T) {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "evil.sock")
	cmd := exec.Command(os.Args[0])
	cmd.Args[0] = evilName
	cmd.Env = append(os.Environ(), holderEnv+"="+sock)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	buf := make([]byte, 6)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "ready\n" {
		t.Fatalf("holder did not start: %q %v", buf, err)
	}
}

func TestTerminalGetsEscapedNames(t *testing.T) {
	if os.Geteuid() != 0 {
		testenv.Skip(t, "needs root to see every process's sockets")
	}
	startEvilHolder(t)
	// The terminal must not add its own translations (\n to \r\n).
	master, slave := testenv.RawPTY(t)
	done := make(chan []byte)
	go func() {
		var b bytes.Buffer
		io.Copy(&b, master) // ends with EIO once the slave is closed
		done <- b.Bytes()
	}()
	if rc := run([]string{"netstat", "-xlp"}, slave, os.Stderr); rc != 0 {
		t.Fatalf("exit status %d", rc)
	}
	slave.Close()
	var got []byte
	select {
	case got = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("terminal output never ended")
	}
	if bytes.IndexByte(got, 0x1b) >= 0 {
		t.Errorf("raw ESC reached the terminal:\n%q", got)
	}
	if !strings.Contains(string(got), `/ev\e[2J\e[31mil`) {
		t.Errorf("escaped program name missing:\n%s", got)
	}
}

func TestPipeGetsRawNames(t *testing.T) {
	if os.Geteuid() != 0 {
		testenv.Skip(t, "needs root to see every process's sockets")
	}
	startEvilHolder(t)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); done <- b }()
	rc := run([]string{"netstat", "-xlp"}, w, os.Stderr)
	w.Close()
	got := <-done
	if rc != 0 {
		t.Fatalf("exit status %d", rc)
	}
	// net-tools 2.10 prints names raw; the pipe must get the same bytes.
	// The -p column is cut to 19 bytes: "PID/ev\x1b[2J\x1b[..." .
	if !bytes.Contains(got, []byte("/ev\x1b[2J\x1b[")) {
		t.Errorf("raw program name missing from piped output:\n%q", got)
	}
}
