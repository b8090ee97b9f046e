package counters_test

import (
	"github.com/gonetstat/netstat/internal/testenv"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/linux/procnet"
)

// number matches the decimal numbers in a statistics line.
var number = regexp.MustCompile(`[0-9]+`)

// sameWithin reports whether two outputs have the same lines and words,
// with every number within tol of its counterpart.
func sameWithin(got, want string, tol uint64) bool {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	if len(g) != len(w) {
		return false
	}
	for i := range g {
		if number.ReplaceAllString(g[i], "#") != number.ReplaceAllString(w[i], "#") {
			return false
		}
		gn, wn := number.FindAllString(g[i], -1), number.FindAllString(w[i], -1)
		for j := range gn {
			a, _ := strconv.ParseUint(gn[j], 10, 64)
			b, _ := strconv.ParseUint(wn[j], 10, 64)
			if a > b+tol || b > a+tol {
				return false
			}
		}
	}
	return true
}

// TestLiveNamespace reads the real kernel files of a fresh network namespace,
// where the counters hardly move, and compares Print with the real netstat
// run inside that namespace.
func TestLiveNamespace(t *testing.T) {
	requireReference(t)
	if _, err := exec.LookPath("nsenter"); err != nil {
		testenv.Skip(t, "no nsenter:", err)
	}
	holder := exec.Command("unshare", "-n", "sleep", "120")
	if err := holder.Start(); err != nil {
		testenv.Skip(t, "cannot create a network namespace:", err)
	}
	defer func() {
		holder.Process.Kill()
		holder.Wait()
	}()
	pid := strconv.Itoa(holder.Process.Pid)
	// Wait until the holder has entered its namespace.
	for i := 0; i < 100; i++ {
		out, err := exec.Command("readlink", "/proc/"+pid+"/ns/net", "/proc/self/ns/net").Output()
		if f := strings.Fields(string(out)); err == nil && len(f) == 2 && f[0] != f[1] {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	src := procnet.Stats{Root: "/proc/" + pid}
	for _, args := range [][]string{{"-s"}, {"-s", "-6"}, {"-st"}, {"-suw6"}} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			cmd := exec.Command("nsenter", append([]string{"-t", pid, "-n", referenceBinary}, args...)...)
			cmd.Env = []string{"LC_ALL=C"}
			var want result
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("reference: %v", err)
			}
			want.stdout = string(out)
			got := runOurs(args, src)
			if got.exit != 0 || got.stderr != "" {
				t.Errorf("exit %d, stderr %q", got.exit, got.stderr)
			}
			if !sameWithin(got.stdout, want.stdout, 50) {
				t.Errorf("outputs differ beyond tolerance:\n%s", lineDiff(got.stdout, want.stdout))
			}
		})
	}
}

// TestLiveHost compares Print on this machine's /proc with the real netstat,
// numbers within a tolerance; counters that start moving between the two
// runs can add a line, so it tries a few times.
func TestLiveHost(t *testing.T) {
	if _, err := exec.LookPath(referenceBinary); err != nil {
		testenv.Skip(t, "no reference netstat:", err)
	}
	for _, args := range [][]string{{"-s"}, {"-s", "-6"}} {
		t.Run(strings.Join(args, "_"), func(t *testing.T) {
			var got, want string
			for try := 0; try < 5; try++ {
				cmd := exec.Command(referenceBinary, args...)
				cmd.Env = []string{"LC_ALL=C"}
				out, err := cmd.Output()
				if err != nil {
					t.Fatalf("reference: %v", err)
				}
				want = string(out)
				got = runOurs(args, procnet.Stats{}).stdout
				if sameWithin(got, want, 100000) {
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
			t.Errorf("outputs differ beyond tolerance:\n%s", lineDiff(got, want))
		})
	}
}
