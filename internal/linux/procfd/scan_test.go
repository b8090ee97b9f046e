package procfd

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/owners"
)

// fakePID describes one process of a fake proc tree.
type fakePID struct {
	fds     map[string]string // fd name -> link target
	cmdline *string           // nil: no cmdline file
	noFdDir bool              // the process vanished
}

func str(s string) *string { return &s }

// buildFakeProc writes a proc tree and returns its root.
func buildFakeProc(t *testing.T, pids map[string]fakePID) string {
	t.Helper()
	root := t.TempDir()
	for pid, p := range pids {
		dir := filepath.Join(root, pid)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if p.cmdline != nil {
			if err := os.WriteFile(filepath.Join(dir, "cmdline"), []byte(*p.cmdline), 0o444); err != nil {
				t.Fatal(err)
			}
		}
		if p.noFdDir {
			continue
		}
		if err := os.Mkdir(filepath.Join(dir, "fd"), 0o500); err != nil {
			t.Fatal(err)
		}
		for name, target := range p.fds {
			if err := os.Symlink(target, filepath.Join(dir, "fd", name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	return root
}

// readdirOrder lists root's entries in directory order.
func readdirOrder(t *testing.T, root string) []string {
	f, err := os.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names, err := f.Readdirnames(-1) // unsorted, unlike os.ReadDir
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestScanFakeTree(t *testing.T) {
	long := strings.Repeat("a", 600)
	root := buildFakeProc(t, map[string]fakePID{
		"100": {fds: map[string]string{"3": "socket:[1111]", "4": "socket:[2222]", "5": "/dev/null"},
			cmdline: str("/usr/sbin/sshd\x00-D\x00")},
		"200": {fds: map[string]string{"0": "socket:[1111]", "9": "socket:[2000]"}, cmdline: str("sshd: root@pts/0\x00\x00")},
		"300": {fds: map[string]string{"7": "[0000]:3333"}, cmdline: str("/trailing/\x00")},
		"400": {fds: map[string]string{"1": "socket:[4444]"}, cmdline: str("")},
		"500": {fds: map[string]string{"2": "socket:[5555]"}, cmdline: str("relative/path/prog\x00x\x00")},
		"600": {noFdDir: true, cmdline: str("gone\x00")},
		"700": {fds: map[string]string{"3": "socket:[7777]"}}, // no cmdline: socket skipped
		"800": {fds: map[string]string{
			"3":  "socket:[1]", // shorter than 11 bytes: not taken
			"4":  "socket:[12]",
			"5":  "socket:[0x10]",
			"6":  "socket:[12a]",
			"7":  "socket:[18446744073709551615]",
			"8":  "socket:[123456789012345678901]", // cut by the 29-byte readlink
			"9":  "pipe:[8888]",
			"x1": "socket:[8889]", // fd names must start with a digit
			"10": "socket:[017]",
		}, cmdline: str("/opt/" + long)},
		"abc": {fds: map[string]string{"1": "socket:[9999]"}, cmdline: str("abc\x00")},
		"9x":  {fds: map[string]string{"1": "socket:[9998]"}, cmdline: str("mixed\x00")},
	})
	if err := os.Symlink("100", filepath.Join(root, "self")); err != nil {
		t.Fatal(err)
	}
	ix := Scan(root)
	if ix.Denied || ix.Unreadable {
		t.Fatalf("Denied=%v Unreadable=%v", ix.Denied, ix.Unreadable)
	}
	// The inode both 100 and 200 hold goes to whichever readdir lists first.
	first := 0
	for _, n := range readdirOrder(t, root) {
		if n == "100" || n == "200" {
			first = map[string]int{"100": 100, "200": 200}[n]
			break
		}
	}
	prog := map[int]string{100: "sshd", 200: "sshd: root@pts/0"}
	want := map[uint64]owners.Owner{
		1111: {PID: first, Program: prog[first]},
		2222: {PID: 100, Program: "sshd"},
		2000: {PID: 200, Program: "sshd: root@pts/0"},
		3333: {PID: 300, Program: ""},
		4444: {PID: 400, Program: ""},
		5555: {PID: 500, Program: "relative/path/prog"},
		12:   {PID: 800, Program: long[:511-5]},
		16:   {PID: 800, Program: long[:511-5]},
		15:   {PID: 800, Program: long[:511-5]},
	}
	for inode, w := range want {
		if got, ok := ix.Lookup(inode); !ok || got != w {
			t.Errorf("inode %d: got %+v %v, want %+v", inode, got, ok, w)
		}
	}
	if ix.Len() != len(want) {
		t.Errorf("index has %d inodes, want %d", ix.Len(), len(want))
	}
	for _, inode := range []uint64{1, 7777, 8888, 8889, 9999, 9998, 12345678901234567890} {
		if o, ok := ix.Lookup(inode); ok {
			t.Errorf("inode %d should have no owner, got %+v", inode, o)
		}
	}
}

// TestScanRetriesCmdline checks that a failed cmdline read skips only that
// socket: the next socket of the process reads cmdline again.
func TestScanRetriesCmdline(t *testing.T) {
	root := buildFakeProc(t, map[string]fakePID{
		"42": {fds: map[string]string{"3": "socket:[4242]"}},
	})
	if ix := Scan(root); ix.Len() != 0 {
		t.Fatalf("got %d owners without cmdline", ix.Len())
	}
	os.WriteFile(filepath.Join(root, "42", "cmdline"), []byte("/bin/x\x00"), 0o444)
	if o, ok := Scan(root).Lookup(4242); !ok || o != (owners.Owner{PID: 42, Program: "x"}) {
		t.Errorf("got %+v %v", o, ok)
	}
}

func TestScanUnreadable(t *testing.T) {
	ix := Scan(filepath.Join(t.TempDir(), "nonexistent"))
	if !ix.Unreadable || ix.Len() != 0 {
		t.Errorf("Unreadable=%v Len=%d", ix.Unreadable, ix.Len())
	}
}

func TestProgramName(t *testing.T) {
	for in, want := range map[string]string{
		"/usr/sbin/sshd\x00-D\x00": "sshd",
		"sshd: root@pts/0\x00":     "sshd: root@pts/0",
		"/trailing/\x00":           "",
		"":                         "",
		"\x00arg\x00":              "",
		"relative/path/prog\x00":   "relative/path/prog",
		"/":                        "",
		"/no-nul":                  "no-nul",
		"ctl\x01char\x00":          "ctl\x01char",
	} {
		if got := programName([]byte(in)); got != want {
			t.Errorf("programName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSocketInode(t *testing.T) {
	for in, want := range map[string]int64{
		"socket:[12]":                   12,
		"socket:[1]":                    -1,
		"socket:[ 12]":                  12,
		"socket:[0x1f]":                 31,
		"socket:[017]":                  15,
		"socket:[12":                    -1,
		"socket:[]]":                    -1,
		"socket:[1 ]":                   -1,
		"[0000]:5":                      5,
		"[0000]:":                       -1,
		"[0000]:5x":                     -1,
		"anon_inode:[eventpoll]":        -1,
		"socket:[18446744073709551615]": -1,
		"socket:[18446744073709551614]": -2,
	} {
		got, ok := socketInode([]byte(in))
		switch {
		case want == -1 && ok:
			t.Errorf("%q: got %d, want none", in, got)
		case want == -2 && (!ok || got != 18446744073709551614):
			t.Errorf("%q: got %d %v", in, got, ok)
		case want >= 0 && (!ok || got != uint64(want)):
			t.Errorf("%q: got %d %v, want %d", in, got, ok, want)
		}
	}
}
