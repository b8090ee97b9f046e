package nat

import (
	"bytes"
	"io/fs"
	"net/netip"
	"syscall"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
)

type fakeSource struct {
	t   Table
	err error
}

func (s fakeSource) Masquerade() (Table, error) { return s.t, s.err }

func TestPrint(t *testing.T) {
	enoent := &fs.PathError{Op: "open", Path: "/proc/net/ip_masquerade", Err: syscall.ENOENT}
	eacces := &fs.PathError{Op: "open", Path: "/proc/net/ip_masquerade", Err: syscall.EACCES}
	entry := Entry{Proto: "tcp", Src: netip.MustParseAddr("10.0.0.2"), Dst: netip.MustParseAddr("192.0.2.1"),
		SPort: 1025, DPort: 80, MPort: 61000, InitSeq: 7, Delta: -2, Expires: 12345}
	cases := []struct {
		src         fakeSource
		extend      int
		out, errOut string
		rc          int
	}{
		{fakeSource{err: enoent}, 0, "", "netstat: no support for `ip_masquerade' on this system.\n", 1},
		{fakeSource{err: eacces}, 0, "", "/proc/net/ip_masquerade: Permission denied\n", 255},
		{fakeSource{err: &FormatError{Text: "ip_masquerade format error"}}, 0, "", "masq_info.c: Internal Error `ip_masquerade format error'.\n", 255},
		{fakeSource{}, 0, "", "", 0},
		{fakeSource{t: Table{Entries: []Entry{entry}}}, 0,
			"IP masquerading entries\nprot   expire source               destination          ports\n" +
				"tcp   2:03.45 10.0.0.2             192.0.2.1            1025 -> 80 (61000)\n", "", 0},
		{fakeSource{t: Table{HasPDelta: true, Entries: []Entry{entry}}}, 1,
			"IP masquerading entries\nprot   expire    initseq delta prevd source               destination          ports\n" +
				"tcp   2:03.45          7    -2     0 10.0.0.2             192.0.2.1            1025 -> 80 (61000)\n", "", 0},
	}
	for i, c := range cases {
		var out, errOut bytes.Buffer
		rc := Print(&out, &errOut, &cli.Options{Mode: cli.ModeMasquerade, Extend: c.extend}, c.src)
		if out.String() != c.out || errOut.String() != c.errOut || rc != c.rc {
			t.Errorf("case %d: %q %q %d", i, out.String(), errOut.String(), rc)
		}
	}
}

// TestHostColumns checks the -M host columns against C's "%-20s %-20s ",
// which pads by bytes: "rüter.example" is 14 bytes (13 runes), so 6 blanks
// fill it to 20, and "ホスト.example" is 17 bytes (11 runes), so 3 do; fmt's
// %-20s would give 7 and 9.
func TestHostColumns(t *testing.T) {
	cases := []struct{ src, dst, want string }{
		{"10.0.0.2", "192.0.2.1", "10.0.0.2             192.0.2.1            "},
		{"rüter.example", "ホスト.example", "rüter.example       ホスト.example    "},
		{"a-host-name-longer-than-20", "b", "a-host-name-longer-than-20 b                    "},
	}
	for _, c := range cases {
		if got := hostColumns(c.src, c.dst); got != c.want {
			t.Errorf("hostColumns(%q, %q) = %q, want %q", c.src, c.dst, got, c.want)
		}
	}
}
