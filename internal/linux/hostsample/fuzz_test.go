package hostsample

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// addFixture adds testdata/proc/NAME, and the host's /proc/NAME when it can
// be read, to the corpus.
func addFixture(f *testing.F, name string) {
	f.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "proc", name))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	if b, err := os.ReadFile(filepath.Join("/proc", name)); err == nil {
		f.Add(b)
	}
}

func FuzzSysctl(f *testing.F) {
	for _, name := range []string{"sys/net/ipv4/ip_local_port_range", "sys/net/core/somaxconn", "sys/net/ipv4/tcp_syncookies"} {
		addFixture(f, name)
	}
	for _, s := range []string{"", "\n", "-1\n", "+7", "007", "9223372036854775808\n", "1 2 3\n", "0x10\n", "12abc\n", "1\u00a02\n"} {
		f.Add([]byte(s))
	}
	root := f.TempDir()
	const name = "net/ipv4/fuzzed"
	path := filepath.Join(root, "sys", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		f.Fatal(err)
	}
	s := New(root)
	if low, high := s.sysctlPair(name); s.sysctl(name) != -1 || low != -1 || high != -1 {
		f.Fatal("a missing sysctl is not -1")
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		v := s.sysctl(name)
		low, high := s.sysctlPair(name)
		fields := s.sysctlFields(name)
		// The numbers, or none when a field is not one.
		var want []int64
		for _, field := range bytes.Fields(content) {
			n, err := strconv.ParseInt(string(field), 10, 64)
			if err != nil {
				want = nil
				break
			}
			want = append(want, n)
		}
		if !slices.Equal(fields, want) {
			t.Fatalf("%q: fields %v, want %v", content, fields, want)
		}
		switch {
		case len(fields) != 1 && v != -1:
			t.Fatalf("%q: %d fields %v, but the value %d", content, len(fields), fields, v)
		case len(fields) == 1 && v != fields[0]:
			t.Fatalf("%q: value %d, field %d", content, v, fields[0])
		case len(fields) != 2 && (low != -1 || high != -1):
			t.Fatalf("%q: %d fields %v, but the pair %d %d", content, len(fields), fields, low, high)
		case len(fields) == 2 && (low != fields[0] || high != fields[1]):
			t.Fatalf("%q: pair %d %d, fields %v", content, low, high, fields)
		}
		// What the kernel writes reads back: one number, or two
		// separated by a tab.
		if len(fields) >= 2 {
			text := fmt.Sprintf("%d\t%d\n", fields[0], fields[1])
			if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
			if low, high := s.sysctlPair(name); low != fields[0] || high != fields[1] || s.sysctl(name) != -1 {
				t.Fatalf("%q read as %d %d", text, low, high)
			}
		}
	})
}

// sockstatText writes a parsed sockstat back as the kernel would, sections
// and keys sorted.
func sockstatText(st map[string]map[string]int64) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(st)) {
		b.WriteString(name + ":")
		for _, k := range slices.Sorted(maps.Keys(st[name])) {
			fmt.Fprintf(&b, " %s %d", k, st[name][k])
		}
		b.WriteString("\n")
	}
	return b.String()
}

func FuzzParseSockstat(f *testing.F) {
	addFixture(f, "net/sockstat")
	for _, s := range []string{"TCP: inuse 1 orphan\n", "TCP: inuse x tw 2\n", "no colon\n", ":\n", "a:b: c 1\n",
		"TCP: tw 1\nTCP: tw 2\n", "TCP: tw 99999999999999999999\n", "\xff\xfe: k -3\r\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st, err := ParseSockstat(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, bufio.ErrTooLong) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for name, fields := range st {
			if strings.ContainsAny(name, ":\n") {
				t.Fatalf("section %q holds a colon or a newline", name)
			}
			for k := range fields {
				if k == "" || strings.ContainsFunc(k, func(r rune) bool { return strings.ContainsRune(" \t\n\v\f\r", r) }) {
					t.Fatalf("key %q of %q is not one word", k, name)
				}
			}
		}
		text := sockstatText(st)
		again, err := ParseSockstat(strings.NewReader(text))
		if err != nil || sockstatText(again) != text {
			t.Fatalf("%q reads back as %q (%v)", text, sockstatText(again), err)
		}
	})
}

func FuzzParseConntrackStat(f *testing.F) {
	addFixture(f, "net/stat/nf_conntrack")
	for _, s := range []string{"entries drop\n0001 0002 0003\n", "entries drop\n0001 zz\n", "entries drop\n0010 0001\n0010 000f\n",
		"drop drop\n1 2\n", "entries\n\n\n5\n", "", "a b\nffffffff ffffffff\nffffffff ffffffff\n", "x\n+f\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		sums, err := ParseConntrackStat(bytes.NewReader(data))
		lines := strings.Split(string(data), "\n")
		names := strings.Fields(lines[0])
		for k := range sums {
			if !slices.Contains(names, k) {
				t.Fatalf("%q is no column of the header %q", k, lines[0])
			}
		}
		if err != nil {
			return
		}
		// The kernel prints each CPU's counters as 32-bit hex numbers:
		// then the sums are exact, entries being the last CPU's.
		want := map[string]uint64{}
		for _, line := range lines[1:] {
			for i, v := range strings.Fields(line) {
				n, err := strconv.ParseUint(v, 16, 32)
				if err != nil {
					return // beyond what the kernel writes
				}
				if names[i] == "entries" {
					want[names[i]] = n
				} else {
					want[names[i]] += n
				}
			}
		}
		if !maps.Equal(sums, want) {
			t.Fatalf("sums %v, want %v", sums, want)
		}
	})
}
