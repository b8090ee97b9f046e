package churn

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// TestLayout validates the checker itself: with a fixed population of
// sockets and holders, the output of /usr/bin/netstat and of ours passes
// every check, and each row of the reference output, shifted by one byte or
// given a wrong value, fails it.
func TestLayout(t *testing.T) {
	nstest.Require(t)
	nstest.RequireReference(t)
	dir := t.TempDir()
	procs := newProcSet(os.Getpid(), os.Args[0])
	c := &checker{procs: procs, shapes: newShapeSet(), dir: dir}
	populate(t, dir, procs)
	addReferenceStats(t, c.shapes)

	for _, args := range modes {
		// Ours runs first: for -s, a counter line that appears in between
		// (counters only grow) is then in the reference's shapes too.
		out := map[string]string{}
		for _, bin := range []string{nstest.Ours(), nstest.Reference} {
			res, err := runNetstat(bin, []string{args}, runTimeout, nil)
			if err != nil || res.status != "exit 0" || res.stderr != "" {
				t.Fatalf("%s %s: %v %s %s", bin, args, err, res.status, res.stderr)
			}
			out[bin] = res.stdout
		}
		if args == "-s" {
			c.shapes.addReference(out[nstest.Reference])
		}
		for bin, stdout := range out {
			problems := c.check(args, stdout)
			if args == "-s" {
				problems = c.deferred(stdout)
			}
			for _, p := range problems {
				t.Errorf("%s %s: %s", bin, args, p)
			}
		}
		mutants(t, c, args, out[nstest.Reference])
	}
}

// mutantRows is how many rows of each output mutants changes.
const mutantRows = 40

// mutants checks that changed versions of the first rows of out (of every
// line, for -s) are rejected.
func mutants(t *testing.T, c *checker, args, out string) {
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if args != "-s" {
		lines = lines[2:]
	}
	lines = lines[:min(len(lines), mutantRows)]
	rejected := func(line string) bool {
		if args == "-s" {
			unknown, _ := c.shapes.unknown(line + "\n")
			return len(unknown) > 0
		}
		return c.checkRow(args, line) != nil
	}
	tried := 0
	for i, line := range lines {
		if rejected(line) {
			t.Errorf("%s: row %d rejected before any change: %q", args, i+1, line)
		}
		bads := map[string]string{
			"letter case swapped": swapFirstLetter(line),
			"text appended":       line + " x",
		}
		if len(line) > 10 {
			bads["space inserted"] = line[:10] + " " + line[10:]
			bads["byte deleted"] = line[:10] + line[11:]
		}
		for name, bad := range bads {
			if !rejected(bad) {
				t.Errorf("%s: row %d with %s was accepted: %q", args, i+1, name, bad)
			}
			tried++
		}
	}
	t.Logf("%s: %d rows changed, %d mutants rejected", args, len(lines), tried)
}

// swapFirstLetter changes the case of the first letter of s.
func swapFirstLetter(s string) string {
	i := strings.IndexFunc(s, unicode.IsLetter)
	if i < 0 {
		return s + "?"
	}
	r := rune(s[i])
	if unicode.IsUpper(r) {
		r = unicode.ToLower(r)
	} else {
		r = unicode.ToUpper(r)
	}
	return s[:i] + string(r) + s[i+1:]
}

// populate makes a fixed set of sockets: TCP listeners and connections on
// IPv4, IPv6 and v4-mapped, UNIX sockets on a path and abstract, and two
// holder processes (one name longer than the program column, one with a
// space).
func populate(t *testing.T, dir string, procs *procSet) {
	var keep []interface{ Close() error }
	t.Cleanup(func() {
		for _, c := range keep {
			c.Close()
		}
	})
	for _, a := range [][2]string{{"tcp4", "127.0.0.1:0"}, {"tcp6", "[::1]:0"}, {"tcp", "[::]:0"}} {
		ln, err := net.Listen(a[0], a[1])
		if err != nil {
			t.Fatal(err)
		}
		keep = append(keep, ln)
		cl, err := net.Dial("tcp", strings.Replace(ln.Addr().String(), "[::]", "127.0.0.1", 1))
		if err != nil {
			t.Fatal(err)
		}
		sv, err := ln.Accept()
		if err != nil {
			t.Fatal(err)
		}
		keep = append(keep, cl, sv)
	}
	for _, name := range []string{filepath.Join(dir, "layout.sock"), "@gnst-layout"} {
		ln, err := net.Listen("unix", name)
		if err != nil {
			t.Fatal(err)
		}
		cl, err := net.Dial("unix", name)
		if err != nil {
			t.Fatal(err)
		}
		keep = append(keep, ln, cl)
	}
	for _, name := range holderNames[1:] {
		h, err := nstest.StartHolder(name)
		if err != nil {
			t.Fatal(err)
		}
		procs.add(h.PID(), name)
		t.Cleanup(h.Kill)
	}
	time.Sleep(300 * time.Millisecond) // the holders open their sockets
}
