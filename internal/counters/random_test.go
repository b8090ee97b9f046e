package counters_test

import (
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gonetstat/netstat/internal/linux/procnet"
)

// statsFiles are the files of a fixture tree, relative to its net directory.
var statsFiles = []string{"snmp", "netstat", "snmp6", "sctp/snmp"}

// mutate damages b in a few random places with the bytes that matter to the
// parsers.
func mutate(r *rand.Rand, b []byte) []byte {
	const alphabet = " \t\n\r\v\x00:-+0123456789aZ6"
	for n := r.Intn(6); n >= 0; n-- {
		switch op := r.Intn(5); {
		case len(b) == 0 || op == 0:
			at := r.Intn(len(b) + 1)
			b = append(b[:at], append([]byte{alphabet[r.Intn(len(alphabet))]}, b[at:]...)...)
		case op == 1:
			b[r.Intn(len(b))] = alphabet[r.Intn(len(alphabet))]
		case op == 2:
			at := r.Intn(len(b))
			end := min(len(b), at+1+r.Intn(40))
			b = append(b[:at], b[end:]...)
		case op == 3:
			b = b[:r.Intn(len(b))]
		default:
			at := r.Intn(len(b))
			end := min(len(b), at+1+r.Intn(1500))
			b = append(b[:end], append(append([]byte{}, b[at:end]...), b[end:]...)...)
		}
	}
	return b
}

// TestRandomAgainstReference damages the fixture files at random and wants
// the same output as the real netstat for each damaged tree.
func TestRandomAgainstReference(t *testing.T) {
	requireReference(t)
	trees, _ := filepath.Glob(filepath.Join(fixtureRoot, "*"))
	seed, _ := strconv.ParseInt(os.Getenv("STATS_RANDOM_SEED"), 10, 64)
	r := rand.New(rand.NewSource(seed + 1))
	cases := 40
	if testing.Short() {
		cases = 5
	}
	if n, err := strconv.Atoi(os.Getenv("STATS_RANDOM_CASES")); err == nil {
		cases = n // for longer runs by hand
	}
	for i := 0; i < cases; i++ {
		src := trees[r.Intn(len(trees))]
		dir := t.TempDir()
		for _, f := range statsFiles {
			b, err := os.ReadFile(filepath.Join(src, "net", f))
			if err != nil {
				continue
			}
			if r.Intn(2) == 0 {
				b = mutate(r, b)
			}
			p := filepath.Join(dir, "net", f)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, args := range [][]string{{"-s"}, {"-s", "-6"}} {
			want := runReference(t, dir, args)
			got := runOurs(args, procnet.Stats{Root: dir})
			if got != want {
				t.Errorf("case %d from %s, %v:", i, filepath.Base(src), args)
				compareResults(t, got, want)
				for _, f := range statsFiles {
					if b, err := os.ReadFile(filepath.Join(dir, "net", f)); err == nil {
						t.Logf("%s: %q", f, b)
					}
				}
			}
		}
	}
}
