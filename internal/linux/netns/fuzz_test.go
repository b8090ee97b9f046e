package netns

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// containerRuntimes are the runtimes ParseContainer names, and whether
// their ids are 64 hex digits.
var containerRuntimes = map[string]bool{
	"docker": true, "cri-o": true, "containerd": true, "podman": true, "kubernetes": true,
	"lxc": false, "machine": false,
}

func FuzzParseContainer(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "cgroup", "*"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no cgroup fixtures: %v", err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	if b, err := os.ReadFile("/proc/self/cgroup"); err == nil {
		f.Add(b)
	}
	hex := strings.Repeat("0123456789abcdef", 4)
	for _, s := range []string{
		"0::/machine.slice/machine-evil\\x0a1\\x20fake.scope\n",
		"0::/user.slice/user-1000.slice/user@1000.service/lxc/\x1b]0;title\x07\n",
		"0::/lxc.payload.\x7f\n",
		"0::/lxc/\n",
		"0::/machine.slice/machine-.scope\n",
		"1:name=x:/docker/" + hex + "\n",
		"0::/kubepods/" + strings.ToUpper(hex) + "\n",
		"0::/docker-" + hex + ".scope/lxc.payload.x\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, ok := ParseContainer(bytes.NewReader(data))
		if !ok {
			if c != (Container{}) {
				t.Fatalf("no container but %+v", c)
			}
			return
		}
		hexID, known := containerRuntimes[c.Runtime]
		switch {
		case !known:
			t.Fatalf("unknown runtime in %+v", c)
		case hexID && !isContainerID(c.ID):
			t.Fatalf("%s id %q is not 64 hex digits", c.Runtime, c.ID)
		case !isName(c.ID):
			// The text header prints the id as it is, on one line.
			t.Fatalf("%s name %q is empty or holds a control character", c.Runtime, c.ID)
		case c.Runtime == "lxc" && (strings.Contains(c.ID, "/") || !bytes.Contains(data, []byte(c.ID))):
			t.Fatalf("lxc name %q is not one component of the input", c.ID)
		}
		if short := c.Short(); hexID && short != c.ID[:12] || !hexID && short != c.ID {
			t.Fatalf("Short of %+v = %q", c, short)
		}
		// The first line that names a container alone names this one, and
		// no line before it names any.
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			line := sc.Text()
			got, hit := ParseContainer(strings.NewReader(line))
			if !hit {
				continue
			}
			if got != c {
				t.Fatalf("line %q alone gives %+v, the file %+v", line, got, c)
			}
			return
		}
		t.Fatalf("%+v found, but in no line alone", c)
	})
}

// netToolsName is the program name net-tools' -p takes from a command
// line: argv[0] in the first 511 bytes, after its last '/' when it starts
// with '/'.
func netToolsName(cmdline []byte) string {
	arg0, _, _ := bytes.Cut(cmdline[:min(len(cmdline), 511)], []byte{0})
	if len(arg0) > 0 && arg0[0] == '/' {
		arg0 = arg0[bytes.LastIndexByte(arg0, '/')+1:]
	}
	return string(arg0)
}

// writeOrRemove makes path hold b, or be absent.
func writeOrRemove(t *testing.T, path string, b []byte, present bool) {
	t.Helper()
	if !present {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func FuzzProgramOf(f *testing.F) {
	for _, pid := range []string{"1", "42", "43", "77", "88"} {
		dir := filepath.Join("testdata", "proc", pid)
		cmdline, errCmd := os.ReadFile(filepath.Join(dir, "cmdline"))
		comm, errComm := os.ReadFile(filepath.Join(dir, "comm"))
		f.Add(cmdline, comm, errCmd == nil, errComm == nil)
	}
	self, _ := os.ReadFile("/proc/self/cmdline")
	f.Add(self, []byte("self\n"), true, true)
	f.Add([]byte("sshd: root@pts/0\x00"), []byte("sshd\n"), true, true)
	f.Add([]byte("relative/path/prog\x00x\x00"), []byte("prog\n"), true, true)
	f.Add([]byte("/trailing/\x00"), []byte("trailing\n"), true, true)
	f.Add([]byte("/opt/"+strings.Repeat("a", 600)), []byte("a\n"), true, true)
	f.Add([]byte{}, []byte("kworker/0:1\n"), true, true)
	f.Add([]byte{}, []byte{}, false, false)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, cmdline, comm []byte, hasCmdline, hasComm bool) {
		writeOrRemove(t, filepath.Join(dir, "cmdline"), cmdline, hasCmdline)
		writeOrRemove(t, filepath.Join(dir, "comm"), comm, hasComm)
		want := ""
		if hasCmdline {
			want = netToolsName(cmdline)
		}
		if want == "" && hasComm {
			want = string(bytes.TrimSuffix(comm, []byte("\n")))
		}
		if got := programOf(dir); got != want {
			t.Fatalf("cmdline %q (%v), comm %q (%v): %q, want %q", cmdline, hasCmdline, comm, hasComm, got, want)
		}
	})
}

func FuzzLinkInode(f *testing.F) {
	for _, p := range []string{"/proc/self/ns/net", "/proc/self/ns/mnt", "/proc/self/exe",
		filepath.Join("testdata", "proc", "42", "ns", "net")} {
		if target, err := os.Readlink(p); err == nil {
			f.Add(target)
		}
	}
	for _, s := range []string{"net:[0]", "net:[007]", "net:[-1]", "net:[+1]", "net:[18446744073709551615]",
		"net:[18446744073709551616]", "net:[]", "net:[1]]", "net:[1", "mnt:[4026531840]", "net:[0x10]"} {
		f.Add(s)
	}
	link := filepath.Join(f.TempDir(), "net")
	f.Fuzz(func(t *testing.T, target string) {
		if target == "" || strings.IndexByte(target, 0) >= 0 || len(target) >= 4096 {
			return // not a symbolic link's target
		}
		os.Remove(link)
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		ino, ok := linkInode(link)
		digits, prefixed := strings.CutPrefix(target, "net:[")
		digits, closed := strings.CutSuffix(digits, "]")
		want, err := strconv.ParseUint(digits, 10, 64)
		wantOK := prefixed && closed && err == nil
		if ok != wantOK || ok && ino != want {
			t.Fatalf("%q: %d, %v; want %d, %v", target, ino, ok, want, wantOK)
		}
	})
}

func FuzzResolve(f *testing.F) {
	for _, s := range []string{"blue", "412", "0412", "0", "-1", "+5", "/proc/1/ns/net", "./here", ".", "..", "",
		"99999999999999999999", "a b", "named-7"} {
		f.Add(s)
	}
	run := f.TempDir()
	for _, name := range []string{"blue", "7"} {
		if err := os.WriteFile(filepath.Join(run, name), nil, 0o600); err != nil {
			f.Fatal(err)
		}
	}
	const procRoot = "/proc-root"
	f.Fuzz(func(t *testing.T, spec string) {
		got := Resolve(spec, run, procRoot)
		named := filepath.Join(run, spec)
		switch {
		case strings.Contains(spec, "/"):
			if got != spec {
				t.Fatalf("path %q resolved to %q", spec, got)
			}
		case got == named:
			// A name under the run directory: only ".." leaves it.
			if spec != ".." && !strings.HasPrefix(got, run) {
				t.Fatalf("name %q resolved outside %s: %q", spec, run, got)
			}
		default:
			// Otherwise only a pid, written as Itoa writes it, with no
			// such name.
			n, err := strconv.Atoi(spec)
			if err != nil || n < 1 || strconv.Itoa(n) != spec || got != procRoot+"/"+spec+"/ns/net" {
				t.Fatalf("%q resolved to %q", spec, got)
			}
			if _, err := os.Lstat(named); err == nil {
				t.Fatalf("pid %q chosen over the name %s", spec, named)
			}
		}
	})
}
