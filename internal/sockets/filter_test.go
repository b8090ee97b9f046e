package sockets

import (
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/owners"
)

// inodeFilter keeps the rows whose inode is in keep, and records what the
// listing handed it.
type inodeFilter struct {
	keep       map[uint64]bool
	wantOwners bool
	seen       []uint64
	owners     map[uint64]owners.Owner // owner passed with each owned row
}

func (f *inodeFilter) look(inode uint64, o owners.Owner, owned bool) bool {
	f.seen = append(f.seen, inode)
	if owned {
		if f.owners == nil {
			f.owners = map[uint64]owners.Owner{}
		}
		f.owners[inode] = o
	}
	return f.keep[inode]
}

func (f *inodeFilter) Inet(s *Socket, o owners.Owner, owned bool) bool {
	return f.look(s.Inode, o, owned)
}
func (f *inodeFilter) Unix(u *UnixSocket, o owners.Owner, owned bool) bool {
	return f.look(u.Inode, o, owned)
}
func (f *inodeFilter) NeedsOwners() bool { return f.wantOwners }

// runFiltered is run with a row filter; it also reports how often the
// owners were read.
func runFiltered(t *testing.T, opts cli.Options, f RowFilter, ix *owners.Index) (out string, ownerReads int) {
	t.Helper()
	var b, e strings.Builder
	l := &Listing{
		Out: &b, Err: &e, Opts: &opts, Src: demo(), Names: fakeNames{},
		Owners: func() *owners.Index { ownerReads++; return ix }, EUID: 0, Filter: f,
	}
	if rc := l.Pass(); rc != 0 {
		t.Fatalf("status %d, stderr %q", rc, e.String())
	}
	return b.String(), ownerReads
}

func TestFilterDropsRowsKeepsHeaders(t *testing.T) {
	f := &inodeFilter{keep: map[uint64]bool{888060: true, 888066: true, 888073: true}}
	out, reads := runFiltered(t, numeric(cli.Options{All: true}), f, nil)
	want := `Active Internet connections (servers and established)
Proto Recv-Q Send-Q Local Address           Foreign Address         State      
tcp        0      0 127.0.0.1:8080          0.0.0.0:*               LISTEN     
tcp6       0      0 ::1:443                 ::1:47384               ESTABLISHED
Active UNIX domain sockets (servers and established)
Proto RefCnt Flags       Type       State         I-Node   Path
unix  2      [ ]         DGRAM                    888073   @demo-abstract
`
	if out != want {
		t.Errorf("\n%s", diff(want, out))
	}
	if reads != 0 {
		t.Errorf("owners read %d times for a filter that does not need them", reads)
	}
	if len(f.owners) != 0 {
		t.Errorf("rows came with owners although none were read: %v", f.owners)
	}
	// Every row of the demo reached the filter once (-a shows them all).
	if len(f.seen) != 14 {
		t.Errorf("filter saw %d rows, want 14: %v", len(f.seen), f.seen)
	}
}

func TestFilterSeesOnlyShownRows(t *testing.T) {
	// -l: the filter is asked only about servers, never about the
	// connected rows net-tools' own choice hides.
	f := &inodeFilter{keep: map[uint64]bool{888061: true, 888064: true}}
	out, _ := runFiltered(t, numeric(cli.Options{Listening: true, TCP: true, Inet: true, SocketKinds: 1}), f, nil)
	if strings.Contains(out, "888064") || !strings.Contains(out, "0.0.0.0:22") || strings.Count(out, "\n") != 3 {
		t.Errorf("-l with a filter:\n%s", out)
	}
	for _, ino := range f.seen {
		if ino == 888063 || ino == 888064 {
			t.Errorf("filter was asked about hidden row %d", ino)
		}
	}
}

func TestFilterReadsOwnersWithoutP(t *testing.T) {
	ix := owners.NewIndex()
	ix.Add(888061, owners.Owner{PID: 42, Program: "sshd"})
	ix.Add(888070, owners.Owner{PID: 43, Program: "demo"})
	f := &inodeFilter{keep: map[uint64]bool{888061: true, 888070: true}, wantOwners: true}
	out, reads := runFiltered(t, numeric(cli.Options{All: true}), f, ix)
	if reads != 1 {
		t.Errorf("owners read %d times, want once per pass", reads)
	}
	if f.owners[888061] != (owners.Owner{PID: 42, Program: "sshd"}) || f.owners[888070].PID != 43 || len(f.owners) != 2 {
		t.Errorf("owners handed to the filter: %v", f.owners)
	}
	// Without -p, no program column appears.
	if strings.Contains(out, "PID/Program") || strings.Contains(out, "sshd") {
		t.Errorf("owners read for the filter leaked into the listing:\n%s", out)
	}
	if !strings.Contains(out, "0.0.0.0:22") || !strings.Contains(out, "/tmp/nsw/demo.sock") || strings.Count(out, "\n") != 6 {
		t.Errorf("filtered listing:\n%s", out)
	}
}

func TestFilterWithPrograms(t *testing.T) {
	ix := owners.NewIndex()
	ix.Add(888061, owners.Owner{PID: 42, Program: "sshd"})
	f := &inodeFilter{keep: map[uint64]bool{888061: true}, wantOwners: true}
	out, reads := runFiltered(t, numeric(cli.Options{All: true, Programs: true}), f, ix)
	if reads != 1 {
		t.Errorf("owners read %d times with -p and an owner filter, want once", reads)
	}
	if !strings.Contains(out, "42/sshd") {
		t.Errorf("-p column missing:\n%s", out)
	}
}
