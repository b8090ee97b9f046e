package netns

import (
	"path/filepath"
	"reflect"
	"testing"
)

// fixtureLister lists testdata/proc and testdata/run/netns, where blue is
// the namespace of pid 77, red one that no process is in, and stale not a
// namespace.
func fixtureLister() Lister {
	inodes := map[string]uint64{"blue": 300, "red": 400}
	return Lister{
		ProcRoot: filepath.Join("testdata", "proc"),
		RunDir:   filepath.Join("testdata", "run", "netns"),
		NamedInode: func(path string) (uint64, bool) {
			ino, ok := inodes[filepath.Base(path)]
			return ino, ok
		},
	}
}

func TestList(t *testing.T) {
	got, err := fixtureLister().List()
	if err != nil {
		t.Fatal(err)
	}
	docker := Container{"docker", "3f2a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeef"}
	want := []Namespace{
		{Inode: 100, Current: true, Procs: []Process{{1, "init"}}},
		{Inode: 300, Names: []string{"blue"}, Procs: []Process{{77, "sleep"}}},
		{Inode: 400, Names: []string{"red"}},
		{Inode: 200, Procs: []Process{{42, "nginx"}, {43, "nginx"}}, Container: docker},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("List:\n got %+v\nwant %+v", got, want)
	}
}

func TestPaths(t *testing.T) {
	ns := Namespace{Names: []string{"blue"}, Procs: []Process{{77, "sleep"}, {78, "sh"}}}
	got := ns.Paths("/run/netns", "/proc")
	want := []string{"/run/netns/blue", "/proc/77/ns/net", "/proc/78/ns/net"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Paths = %q, want %q", got, want)
	}
}

func TestResolve(t *testing.T) {
	run := filepath.Join("testdata", "run", "netns")
	tests := []struct{ spec, want string }{
		{"blue", filepath.Join(run, "blue")},
		{"/var/run/docker/netns/abc", "/var/run/docker/netns/abc"},
		{"./here", "./here"},
		{"412", "/proc/412/ns/net"},
		{"0412", filepath.Join(run, "0412")}, // not how a pid is written
		{"0", filepath.Join(run, "0")},
		{"nosuch", filepath.Join(run, "nosuch")},
		{"..", filepath.Join(run, "..")},
	}
	for _, tt := range tests {
		if got := Resolve(tt.spec, run, "/proc"); got != tt.want {
			t.Errorf("Resolve(%q) = %q, want %q", tt.spec, got, tt.want)
		}
	}
}

func TestLinkInode(t *testing.T) {
	if ino, ok := linkInode(filepath.Join("testdata", "proc", "42", "ns", "net")); !ok || ino != 200 {
		t.Errorf("linkInode = %d, %v; want 200, true", ino, ok)
	}
	if _, ok := linkInode(filepath.Join("testdata", "proc", "88", "ns", "net")); ok {
		t.Error("linkInode of a missing link succeeded")
	}
}
