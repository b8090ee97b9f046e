package procfd

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// addProcSeeds adds what the test process itself shows in /proc: the
// targets of its descriptor links, or the command line of a few processes.
func addProcSeeds(f *testing.F, read func(path string) ([]byte, error), paths ...string) {
	f.Helper()
	added := 0
	for _, p := range paths {
		if b, err := read(p); err == nil {
			f.Add(b)
			added++
		}
	}
	if added == 0 {
		f.Fatalf("none of %q could be read", paths)
	}
}

// readLink reads a symbolic link's target as bytes.
func readLink(path string) ([]byte, error) {
	s, err := os.Readlink(path)
	return []byte(s), err
}

func FuzzSocketInode(f *testing.F) {
	links, _ := filepath.Glob("/proc/self/fd/*")
	addProcSeeds(f, readLink, links...)
	for _, s := range []string{"socket:[12345]", "socket:[1]", "socket:[12]", "socket:[0x1f]", "socket:[017]",
		"socket:[ +42]", "socket:[-2]", "socket:[-1]", "socket:[18446744073709551615]", "socket:[18446744073709551616]",
		"socket:[12a]", "socket:[]]", "[0000]:3333", "[0000]:", "[0000]:0x", "pipe:[8888]", "anon_inode:[eventpoll]",
		"net:[4026531840]", "/dev/pts/0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, link []byte) {
		// Scan hands over at most 29 bytes, what readlink leaves in
		// net-tools' lname[30]; the whole text must behave as well.
		for _, l := range [][]byte{link, link[:min(len(link), 29)]} {
			inode, ok := socketInode(l)
			if !ok {
				if inode != 0 {
					t.Fatalf("%q: refused but inode %d", l, inode)
				}
				continue
			}
			var num []byte
			switch {
			case bytes.HasPrefix(l, []byte("socket:[")) && len(l) >= 11 && l[len(l)-1] == ']':
				num = l[8 : len(l)-1]
			case bytes.HasPrefix(l, []byte("[0000]:")):
				num = l[7:]
			default:
				t.Fatalf("%q: inode %d from neither socket:[N] nor [0000]:N", l, inode)
			}
			if inode == math.MaxUint64 {
				t.Fatalf("%q: ULONG_MAX taken as an inode", l)
			}
			if d, err := strconv.ParseUint(string(num), 10, 64); err == nil && num[0] != '0' && d != inode {
				t.Fatalf("%q: decimal %d read as %d", l, d, inode)
			}
			// The inode comes back from each way C writes it.
			for _, text := range []string{
				strconv.FormatUint(inode, 10),
				"0x" + strconv.FormatUint(inode, 16),
				"0X" + strconv.FormatUint(inode, 16),
				"0" + strconv.FormatUint(inode, 8),
				" \t+" + strconv.FormatUint(inode, 10),
			} {
				if got, ok := socketInode([]byte("[0000]:" + text)); !ok || got != inode {
					t.Fatalf("[0000]:%s read as %d, %v; want %d", text, got, ok, inode)
				}
				if form := "socket:[" + text + "]"; len(form) >= 11 {
					if got, ok := socketInode([]byte(form)); !ok || got != inode {
						t.Fatalf("%s read as %d, %v; want %d", form, got, ok, inode)
					}
				}
			}
		}
	})
}

func FuzzProgramName(f *testing.F) {
	addProcSeeds(f, os.ReadFile, "/proc/self/cmdline", "/proc/1/cmdline", "/proc/2/cmdline")
	for _, s := range []string{"/usr/sbin/sshd\x00-D\x00", "sshd: root@pts/0\x00\x00", "/trailing/\x00", "",
		"relative/path/prog\x00x\x00", "/\x00", "//\x00/x", "/opt/app\xff\xfe\x1b[31m\x00", "no-nul-at-all"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, cmdline []byte) {
		// Scan reads at most 511 bytes, as net-tools' one read into
		// cmdlbuf[512].
		read := cmdline[:min(len(cmdline), 511)]
		name := programName(read)
		arg0, _, _ := bytes.Cut(read, []byte{0})
		if len(name) > len(arg0) || !bytes.HasSuffix(arg0, []byte(name)) {
			t.Fatalf("%q: name %q is not the end of argv[0] %q", read, name, arg0)
		}
		if len(arg0) > 0 && arg0[0] == '/' {
			if want := arg0[bytes.LastIndexByte(arg0, '/')+1:]; name != string(want) {
				t.Fatalf("%q: name %q, want the part after the last '/', %q", read, name, want)
			}
		} else if name != string(arg0) {
			t.Fatalf("%q: name %q, want argv[0] %q unchanged", read, name, arg0)
		}
	})
}
