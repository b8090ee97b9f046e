package procnet

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
)

var updateSocketGolden = flag.Bool("update-socket-golden", false, "rewrite the .golden files under testdata")

// inetRecordLine renders a record for the golden files.
func inetRecordLine(s *sockets.Socket) string {
	return fmt.Sprintf("proto=%d v6table=%v local=%v remote=%v st=%d tx=%d rx=%d tr=%d when=%d retr=%d uid=%d timeout=%d inode=%d",
		s.Protocol, s.IPv6Table, s.Local, s.Remote, s.State, s.SendQ, s.RecvQ, s.TimerKind, s.TimerTicks,
		s.Retransmits, s.UID, int64(s.Timeout), s.Inode)
}

func unixRecordLine(u *sockets.UnixSocket) string {
	return fmt.Sprintf("ref=%d proto=%d flags=%#x type=%d st=%d inode=%d path=%q",
		u.RefCount, u.Protocol, u.Flags, u.Type, u.State, u.Inode, u.Path)
}

func sctpEndpointLine(e *sockets.SCTPEndpoint) string {
	return fmt.Sprintf("st=%d lport=%d uid=%d inode=%d local=%v", e.State, e.LocalPort, e.UID, e.Inode, e.Local)
}

func sctpAssocLine(a *sockets.SCTPAssoc) string {
	return fmt.Sprintf("st=%d tx=%d rx=%d uid=%d inode=%d lport=%d rport=%d local=%v remote=%v",
		a.State, a.SendQ, a.RecvQ, a.UID, a.Inode, a.LocalPort, a.RemotePort, a.Local, a.Remote)
}

// checkSocketGolden compares got with testdata/name.golden.
func checkSocketGolden(t *testing.T, name string, got []string) {
	t.Helper()
	text := strings.Join(got, "\n") + "\n"
	path := filepath.Join("testdata", name+".golden")
	if *updateSocketGolden {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != text {
		t.Errorf("%s: got\n%s\nwant\n%s", name, text, want)
	}
}

func openSocketFixture(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
