package procfd

import (
	"bytes"
	"fmt"
	"github.com/gonetstat/netstat/internal/testenv"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// listenerInode opens a TCP listener and returns it, its file and inode.
func listenerInode(t *testing.T) (net.Listener, *os.File, uint64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	f, err := ln.(*net.TCPListener).File()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		t.Fatal(err)
	}
	return ln, f, st.Ino
}

// selfProgram is the name net-tools shows for this test binary.
func selfProgram(t *testing.T) string {
	data, err := os.ReadFile("/proc/self/cmdline")
	if err != nil {
		t.Fatal(err)
	}
	return programName(data)
}

func TestScanRealProc(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd"); err != nil {
		testenv.Skip(t, "no /proc here")
	}
	_, f, inode := listenerInode(t)
	// A child holding the same socket: procfs lists PIDs in ascending
	// order, so the lower PID must win.
	child := exec.Command("sleep", "30")
	child.ExtraFiles = []*os.File{f}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { child.Process.Kill(); child.Wait() }()

	ix := Scan("/proc")
	if ix.Unreadable {
		t.Fatal("Unreadable")
	}
	o, ok := ix.Lookup(inode)
	wantPID, wantProg := os.Getpid(), selfProgram(t)
	if child.Process.Pid < wantPID {
		wantPID, wantProg = child.Process.Pid, "sleep"
	}
	if !ok || o.PID != wantPID || o.Program != wantProg {
		t.Errorf("inode %d: got %+v %v, want %d/%s", inode, o, ok, wantPID, wantProg)
	}
}

// The helper mode of the test binary: scan /proc and print the result.
const scanHelperEnv = "PROCFD_SCAN_HELPER"

func TestMain(m *testing.M) {
	if os.Getenv(scanHelperEnv) == "1" {
		ix := Scan("/proc")
		fmt.Printf("denied=%v unreadable=%v len=%d uid=%d\n", ix.Denied, ix.Unreadable, ix.Len(), os.Geteuid())
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestScanDenied runs the scan as uid/gid 65534 in a child: other users'
// fd directories give EACCES, which must set Denied. It needs root to
// switch users; without root it is skipped, unless CI is set, where that
// is a failure.
func TestScanDenied(t *testing.T) {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("TestScanDenied needs root (CI is set)")
		}
		testenv.Skip(t, "needs root to run the scan as uid 65534")
	}
	// The test binary usually sits in a 0700 directory: copy it where
	// nobody can run it.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "procfd-denied-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "procfd.test")
	if err := os.WriteFile(bin, data, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), scanHelperEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("helper: %v: %s", err, errb.String())
	}
	res := strings.Fields(out.String())
	if len(res) != 4 || res[0] != "denied=true" || res[1] != "unreadable=false" || res[3] != "uid=65534" {
		t.Errorf("helper printed %q", out.String())
	}
	if n, _ := strconv.Atoi(strings.TrimPrefix(res[2], "len=")); n != 0 {
		t.Logf("helper found %d sockets of its own", n)
	}
}
