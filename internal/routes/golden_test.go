package routes_test

import (
	"bytes"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/routes"
)

// noNames fails the test when a numeric listing asks for a name.
type noNames struct{ t *testing.T }

func (n noNames) Host(a netip.Addr) (string, bool) {
	n.t.Errorf("Host(%v) called in numeric mode", a)
	return "", false
}

func (n noNames) Network(a netip.Addr) (string, bool) {
	n.t.Errorf("Network(%v) called in numeric mode", a)
	return "", false
}

// TestGolden prints each fixture tree under testdata/proc with numeric
// options and compares with testdata/golden, which holds what
// /usr/bin/netstat printed with the tree bind-mounted over /proc
// (file names: tree name + arguments without blanks; .out, .err, .rc).
func TestGolden(t *testing.T) {
	outs, err := filepath.Glob("testdata/golden/*.out")
	if err != nil || len(outs) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, outFile := range outs {
		base := strings.TrimSuffix(filepath.Base(outFile), ".out")
		tree, flags, _ := strings.Cut(base, "-")
		t.Run(base, func(t *testing.T) {
			args := []string{"netstat"}
			// Arguments were recorded without blanks: "-rn-4-6" is "-rn -4 -6".
			for _, a := range strings.Split(flags, "-") {
				if a != "" {
					args = append(args, "-"+a)
				}
			}
			want := readGolden(t, outFile)
			wantErr := readGolden(t, strings.TrimSuffix(outFile, ".out")+".err")
			wantRC, _ := strconv.Atoi(strings.TrimSpace(readGolden(t, strings.TrimSuffix(outFile, ".out")+".rc")))
			var out, errOut bytes.Buffer
			opts, rc, done := cli.Parse(args, &out, &errOut)
			if done {
				t.Fatalf("parse %v: exit %d", args, rc)
			}
			src := procnet.Routes{Root: filepath.Join("testdata/proc", tree)}
			rc = routes.Print(&out, &errOut, opts, src, noNames{t})
			if out.String() != want {
				t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want)
			}
			if errOut.String() != wantErr {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut.String(), wantErr)
			}
			if rc != wantRC {
				t.Errorf("exit %d, want %d", rc, wantRC)
			}
		})
	}
}

func readGolden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
