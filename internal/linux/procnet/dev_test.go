package procnet

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/links"
)

// devRows parses a /proc/net/dev fixture into names and applied counters.
func devRows(t testing.TB, text string) ([]string, []links.Stats, []DevFormat) {
	var names []string
	var stats []links.Stats
	var formats []DevFormat
	err := ParseDev(strings.NewReader(text), func(l *DevLine) {
		var s links.Stats
		l.Apply(&s)
		names = append(names, l.Name)
		stats = append(stats, s)
		formats = append(formats, l.Format)
	})
	if err != nil {
		t.Fatal(err)
	}
	return names, stats, formats
}

func readFixture(t testing.TB, name string) string {
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestParseDevReal(t *testing.T) {
	names, stats, formats := devRows(t, readFixture(t, "real_dev"))
	want := []string{"lo", "ifb0", "ifb1", "eth0"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("names %q, want %q", names, want)
	}
	if formats[0] != DevFormat3 {
		t.Errorf("format %d", formats[0])
	}
	eth := stats[3]
	if eth.RxBytes != 13880915 || eth.RxPackets != 1154 || eth.TxBytes != 170715 || eth.TxPackets != 1392 {
		t.Errorf("eth0 %+v", eth)
	}
}

func TestParseDevHuge(t *testing.T) {
	names, stats, _ := devRows(t, readFixture(t, "hand_dev_huge"))
	if names[0] != "lo" || stats[0].TxCompressed != 1<<64-1 || stats[0].RxBytes != 1<<64-1 {
		t.Errorf("lo %+v", stats[0])
	}
	// A 15-byte name fills get_name's buffer before the colon, which is
	// then left in front of the counters: sscanf converts none (the real
	// Debian 12 netstat shows zeros for such interfaces).
	if names[2] != "averylongname01" || stats[2] != (links.Stats{}) {
		t.Errorf("%q %+v", names[2], stats[2])
	}
	// An alias-like "name:N:" keeps ":N"; overflow saturates, '-' wraps.
	a := stats[5]
	if names[5] != "vethA0:1" || a.RxBytes != 1<<64-1 || a.RxPackets != 1<<64-1 || a.RxErrors != 1<<64-5 || a.RxDropped != 7 {
		t.Errorf("%q %+v", names[5], a)
	}
}

func TestParseDevOldFormats(t *testing.T) {
	_, stats, formats := devRows(t, readFixture(t, "hand_dev_v1"))
	lo := stats[0]
	if formats[0] != DevFormat1 || lo.RxPackets != 10 || lo.RxFrame != 4 || lo.TxPackets != 11 ||
		lo.Collisions != 8 || lo.TxCarrier != 9 || lo.RxBytes != 0 {
		t.Errorf("v1 lo %+v", lo)
	}
	_, stats, formats = devRows(t, readFixture(t, "hand_dev_v2"))
	lo = stats[0]
	if formats[0] != DevFormat2 || lo.RxBytes != 5000 || lo.TxBytes != 6000 || lo.TxPackets != 11 ||
		lo.Collisions != 8 || lo.TxCarrier != 9 || lo.TxCompressed != 0 {
		t.Errorf("v2 lo %+v", lo)
	}
}

func TestParseDevMalformed(t *testing.T) {
	names, stats, _ := devRows(t, readFixture(t, "malformed_dev"))
	want := []string{"lo", "vethA0:1", "tun0", "averylongname01", "lo"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("names %q, want %q", names, want)
	}
	if s := stats[1]; s.RxBytes != 100 || s.RxPackets != 2 || s.RxErrors != 0 {
		t.Errorf("short line %+v", s)
	}
	if s := stats[3]; s.RxBytes != 5 || s.RxPackets != 6 || s.RxErrors != 7 {
		t.Errorf("no colon %+v", s)
	}
}

// TestDevApplyKeepsUnconverted checks that a line with fewer counters
// leaves the other fields as they were (a repeated name in net-tools).
func TestDevApplyKeepsUnconverted(t *testing.T) {
	s := links.Stats{TxBytes: 42, RxMulticast: 9}
	l := DevLine{Format: DevFormat2, N: 2, Values: [16]uint64{1, 2}}
	l.Apply(&s)
	if s.RxBytes != 1 || s.RxPackets != 2 || s.TxBytes != 42 || s.RxMulticast != 0 {
		t.Errorf("%+v", s)
	}
}

func TestDevName(t *testing.T) {
	cases := []struct{ in, name, rest string }{
		{"  eth0: 1 2", "eth0", " 1 2"},
		{"eth0:1: 5", "eth0:1", " 5"},
		{"eth0:abc 5", "eth0", "abc 5"},
		{"eth0 5", "eth0", " 5"},
		{"abcdefghijklmnopq: 5", "abcdefghijklmno", "pq: 5"},
		{"abcdefghijklmn:123: 5", "abcdefghijklmn:", "123: 5"},
		{"", "", ""},
		{":1: 2", ":1", " 2"},
	}
	for _, c := range cases {
		name, rest := devName([]byte(c.in))
		if name != c.name || string(rest) != c.rest {
			t.Errorf("devName(%q) = %q, %q; want %q, %q", c.in, name, rest, c.name, c.rest)
		}
	}
}

// TestParseDevLongLine checks the 511-byte pieces of fgets(buf, 512).
func TestParseDevLongLine(t *testing.T) {
	long := "  eth0: 1" + strings.Repeat(" ", 600) + "7 8\n"
	names, stats, _ := devRows(t, "h1\nh2 compressed\n"+long)
	if len(names) != 2 || names[0] != "eth0" || stats[0].RxBytes != 1 || names[1] != "7" {
		t.Errorf("names %q stats %+v", names, stats)
	}
}

func TestParseDevNUL(t *testing.T) {
	names, stats, _ := devRows(t, "h1\nh2 compressed\n  eth0: 5\x006 7\n")
	if len(names) != 1 || stats[0].RxBytes != 5 || stats[0].RxPackets != 0 {
		t.Errorf("names %q stats %+v", names, stats)
	}
}

func FuzzParseDev(f *testing.F) {
	for _, name := range []string{"real_dev", "hand_dev_huge", "hand_dev_v1", "hand_dev_v2", "malformed_dev"} {
		f.Add(readFixture(f, name))
	}
	f.Fuzz(func(t *testing.T, text string) {
		n := 0
		err := ParseDev(strings.NewReader(text), func(l *DevLine) {
			n++
			if len(l.Name) > 15 || strings.ContainsAny(l.Name, " \t\n\x00") {
				t.Fatalf("bad name %q", l.Name)
			}
			if l.N > len(devColumns[l.Format]) {
				t.Fatalf("%d values for format %d", l.N, l.Format)
			}
			var s links.Stats
			l.Apply(&s)
		})
		if err != nil {
			t.Fatal(err)
		}
		if lines := bytes.Count([]byte(text), []byte("\n")) + 1; n > lines*(1+len(text)/511) {
			t.Fatalf("%d rows from %d lines", n, lines)
		}
	})
}
