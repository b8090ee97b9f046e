package nat

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s--- want\n%s", name, got, want)
	}
}

func TestPrintFlows(t *testing.T) {
	cases := []struct {
		name string
		opts cli.Options
	}{
		{"flows_names.golden", cli.Options{}},
		{"flows_numeric.golden", cli.Options{NumericHosts: true, NumericPorts: true}},
		{"flows_numeric_hosts.golden", cli.Options{NumericHosts: true}},
		{"flows_wide.golden", cli.Options{Wide: true}},
		{"flows_extend.golden", cli.Options{Extend: 1, NumericHosts: true, NumericPorts: true}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			flows := fixtureFlows()
			SortFlows(flows)
			names := &fakeNames{}
			var out bytes.Buffer
			if err := PrintFlows(&out, &c.opts, flows, names); err != nil {
				t.Fatal(err)
			}
			golden(t, c.name, out.Bytes())
			if c.opts.NumericHosts != (len(names.prefetched) == 0) {
				t.Errorf("prefetched %d addresses with numeric hosts %v", len(names.prefetched), c.opts.NumericHosts)
			}
		})
	}
}

func TestPrintFlowsColumns(t *testing.T) {
	// Every field of every line starts where its header word starts,
	// unless the one before it overflowed its column.
	var out bytes.Buffer
	opts := cli.Options{NumericHosts: true, NumericPorts: true, Extend: 1}
	if err := PrintFlows(&out, &opts, fixtureFlows()[:5], nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	header := lines[1]
	for _, col := range []string{"Original destination", "Reply source", "Reply destination", "NAT", "State"} {
		at := strings.Index(header, col)
		for _, l := range lines[2:] {
			if l[at-1] != ' ' || l[at] == ' ' {
				t.Errorf("column %q not at %d in %q", col, at, l)
			}
		}
	}
	for _, l := range lines[2:] {
		if len(l) != len(header) {
			t.Errorf("line is %d bytes, header %d: %q", len(l), len(header), l)
		}
	}
}

func TestPrintFlowsEmpty(t *testing.T) {
	var out bytes.Buffer
	if err := PrintFlows(&out, &cli.Options{NumericHosts: true, NumericPorts: true}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 2 || !strings.HasPrefix(out.String(), FlowsTitle) {
		t.Errorf("empty table: %q", out.String())
	}
}

// failingWriter fails every write.
type failingWriter struct{}

var errWrite = errors.New("write failed")

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestWriteErrors(t *testing.T) {
	opts := cli.Options{NumericHosts: true, NumericPorts: true}
	if err := PrintFlows(failingWriter{}, &opts, fixtureFlows(), nil); !errors.Is(err, errWrite) {
		t.Errorf("PrintFlows: %v", err)
	}
	if err := WriteFlowsJSON(failingWriter{}, fixtureFlows()); !errors.Is(err, errWrite) {
		t.Errorf("WriteFlowsJSON: %v", err)
	}
}
