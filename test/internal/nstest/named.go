package nstest

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// namedPrefix begins the name Named gives the namespace; the PID of the
// test binary follows it.
const namedPrefix = "gnst-named-"

// staleNamed matches names given by Named and captures the PID.
var staleNamed = regexp.MustCompile(`^gnst-named-(\d+)$`)

// Named gives the network namespace the test binary runs in a name
// (`ip netns attach`), so that `ip netns exec NAME` runs programs in it with
// /etc/netns/NAME/FILE bind-mounted over /etc/FILE, for each FILE of etc
// (hosts, networks, resolv.conf, ...): name lookups become deterministic.
// The name carries the test binary's PID. The name and the files are
// removed when t ends; the namespace itself ends with the test binary.
func Named(t testing.TB, etc map[string]string) string {
	t.Helper()
	Require(t)
	if _, err := exec.LookPath("ip"); err != nil {
		skip(t, "ip (iproute2) is missing")
	}
	sweepStaleNames()
	name := namedPrefix + strconv.Itoa(os.Getpid())
	dir := filepath.Join("/etc/netns", name)
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for file, content := range etc {
		if err := os.WriteFile(filepath.Join(dir, file), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command("ip", "netns", "attach", name, strconv.Itoa(os.Getpid())).CombinedOutput(); err != nil {
		t.Fatalf("ip netns attach %s: %v: %s", name, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("ip", "netns", "del", name).CombinedOutput(); err != nil {
			t.Errorf("ip netns del %s: %v: %s", name, err, out)
		}
	})
	return name
}

// NetnsExec returns a command that runs argv in the named namespace
// through `ip netns exec`, with only PATH and HOME in its environment (C
// locale).
func NetnsExec(name string, argv ...string) *exec.Cmd {
	cmd := exec.Command("ip", append([]string{"netns", "exec", name}, argv...)...)
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/"}
	return cmd
}

// sweepStaleNames removes the names and /etc/netns directories that Named
// gave for test binaries that died before their cleanups ran.
func sweepStaleNames() {
	for _, base := range []string{"/run/netns", "/etc/netns"} {
		ents, _ := os.ReadDir(base)
		for _, e := range ents {
			m := staleNamed.FindStringSubmatch(e.Name())
			if m == nil || !pidGone(m[1]) {
				continue
			}
			if base == "/run/netns" {
				exec.Command("ip", "netns", "del", e.Name()).Run()
			} else {
				os.RemoveAll(filepath.Join(base, e.Name()))
			}
		}
	}
}

// pidGone reports whether no process has the decimal pid.
func pidGone(pid string) bool {
	n, err := strconv.Atoi(pid)
	if err != nil || n <= 0 || n == os.Getpid() {
		return false
	}
	_, err = os.Stat("/proc/" + pid)
	return errors.Is(err, fs.ErrNotExist)
}
