package procnet

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/gonetstat/netstat/internal/counters"
)

// statsFixtures holds the fake proc trees of the statistics tests.
const statsFixtures = "testdata/stats"

// render shows sections compactly: "Name: k=v k=v|Name2: …".
func render(secs []counters.Section) string {
	var b strings.Builder
	for i, s := range secs {
		if i > 0 {
			b.WriteString("|")
		}
		b.WriteString(s.Name + ":")
		for _, c := range s.Counters {
			fmt.Fprintf(&b, " %s=%d", c.Name, c.Value)
		}
	}
	return b.String()
}

func TestParsePairs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ip: A B\nIp: 1 2\n", "Ip: A=1 B=2"},
		{"Ip: A B C\nIp: 1\n", "Ip: A=1 B=0 C=0"},
		{"Ip: A\nIp: 1 2 3\nTcp: X\nTcp: 4", "Ip: A=1|Tcp: X=4"},
		{"Ip: A B C D\nIp: -1 +5 99999999999999999999 -0\n", "Ip: A=18446744073709551615 B=5 C=18446744073709551615 D=0"},
		{"Ip: A B C\nIp: 7x 8 9\n", "Ip: A=7 B=0 C=0"},
		{"Ip: A B\nIp:\t 3\r\v4\n", "Ip: A=3 B=4"},
		{"\n\nIp: A\nXX: 1\n", "Ip: A=1"},
		{" Udp : A:B\tC\n:1 2\n", " Udp : A:B=1 C=2"},
		{"Ip: A\nIp: 1\nUdp: B\n", "Ip: A=1"},
		{"Ip: A\x00 B\nIp: 1 2\n", "Ip: A=1"},
		{"Empty:\nEmpty:\n", "Empty:"},
	} {
		secs, err := ParsePairs(strings.NewReader(tc.in))
		if err != nil || render(secs) != tc.want {
			t.Errorf("%q: got %q, %v; want %q", tc.in, render(secs), err, tc.want)
		}
	}
	for _, in := range []string{"Ip: A\nIp 1\nTcp: B\nTcp: 2\n", "Ip: A\n\n", "Ip: A\nIp: 1\n  \nTcp: B\n"} {
		secs, err := ParsePairs(strings.NewReader(in))
		if !errors.Is(err, counters.ErrFormat) {
			t.Errorf("%q: error %v, want ErrFormat", in, err)
		}
		if strings.Contains(render(secs), "Tcp") {
			t.Errorf("%q: read past the malformed pair: %q", in, render(secs))
		}
	}
}

func TestParseSNMP6(t *testing.T) {
	long := "Ip6Foo" + strings.Repeat(" ", 1100) + "9\n"
	for _, tc := range []struct{ in, want string }{
		{"Ip6InReceives 5\nIcmp6InMsgs\t1\n", "Ip6: Ip6InReceives=5|Icmp6: Icmp6InMsgs=1"},
		{"Ip6A 5\n\nIp6B 3\n  \n", "Ip6: Ip6A=5 Ip6A=5 Ip6B=3 Ip6B=3"},
		{"\nIp6A 5\n", ": =0 Ip6A=5"},
		{"Ip6A 5\nIp6B\nIp6C x\nIp6D 12abc\nIp6E -1\n", "Ip6: Ip6A=5 Ip6B=5 Ip6C=5 Ip6D=12 Ip6E=18446744073709551615"},
		{"Icmp6A 1\nIp6B 2\nXIcmp6C 3\nFoo 4\n", "Icmp6: Icmp6A=1|Ip6: Ip6B=2|XIcmp6: XIcmp6C=3|Foo: Foo=4"},
		{"Ip6A 1\n" + long, "Ip6: Ip6A=1 Ip6Foo=1|9: 9=1"},
		{"Ip6A 1\nIp6\x00B 2\n", "Ip6: Ip6A=1 Ip6=1"},
	} {
		secs, err := ParseSNMP6(strings.NewReader(tc.in))
		if err != nil || render(secs) != tc.want {
			t.Errorf("%q: got %q, %v; want %q", tc.in, render(secs), err, tc.want)
		}
	}
}

func TestParseSCTPSNMP(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SctpCurrEstab                   \t5\nSctpAborteds\t-1\n", ": SctpCurrEstab=5 SctpAborteds=18446744073709551615"},
		{"A 1\n\n  7\nB\nC   \nD abc\n", ": A=1 =7 D=0"},
		{"Foo\x00 7\n", ": Foo=7"},
		// A last line without newline finds its value in what the previous
		// line left in the buffer.
		{"SctpCurrEstab 5\nSctpShutdowns", ": SctpCurrEstab=5 SctpShutdowns=5"},
		{"Q" + strings.Repeat(" ", 1100) + "9\n", ": =9"},
	} {
		ctrs, err := ParseSCTPSNMP(strings.NewReader(tc.in))
		if err != nil || render([]counters.Section{{Counters: ctrs}}) != tc.want {
			t.Errorf("%q: got %q, %v; want %q", tc.in, render([]counters.Section{{Counters: ctrs}}), err, tc.want)
		}
	}
}

func TestParseReadError(t *testing.T) {
	boom := errors.New("boom")
	secs, err := ParsePairs(iotest.ErrReader(boom))
	if !errors.Is(err, boom) || len(secs) != 0 {
		t.Errorf("pairs: %v %v", secs, err)
	}
	if _, err := ParseSNMP6(iotest.ErrReader(boom)); !errors.Is(err, boom) {
		t.Errorf("snmp6: %v", err)
	}
	if _, err := ParseSCTPSNMP(iotest.ErrReader(boom)); !errors.Is(err, boom) {
		t.Errorf("sctp: %v", err)
	}
}

func TestStatsFiles(t *testing.T) {
	missing := Stats{Root: t.TempDir()}
	if _, err := missing.SNMP(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing snmp: %v", err)
	}
	if _, err := missing.SCTP(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing sctp: %v", err)
	}
	dirs := Stats{Root: filepath.Join(statsFixtures, "dirs")}
	var re *counters.ReadError
	if _, err := dirs.SNMP6(); !errors.As(err, &re) {
		t.Errorf("directory snmp6: %v, want a ReadError", err)
	}
	host := Stats{Root: filepath.Join(statsFixtures, "host-sctp")}
	secs, err := host.Netstat()
	if err != nil || len(secs) == 0 || secs[0].Name != "TcpExt" {
		t.Errorf("netstat: %q, %v", render(secs), err)
	}
	ctrs, err := host.SCTP()
	if err != nil || len(ctrs) == 0 || ctrs[0].Name != "SctpCurrEstab" {
		t.Errorf("sctp: %v, %v", ctrs, err)
	}
}

// seedStats adds every fixture tree's copy of file to the corpus.
func seedStats(f *testing.F, file string) {
	paths, _ := filepath.Glob(filepath.Join(statsFixtures, "*", "net", file))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// checkPairs checks what ParsePairs promises for any input.
func checkPairs(t *testing.T, data []byte, secs []counters.Section) {
	for _, s := range secs {
		if strings.ContainsAny(s.Name, ":\x00") {
			t.Fatalf("section name %q", s.Name)
		}
		for _, c := range s.Counters {
			if c.Name == "" || strings.ContainsAny(c.Name, " \t\n\x00") {
				t.Fatalf("counter name %q", c.Name)
			}
		}
	}
	again, _ := ParsePairs(strings.NewReader(string(data)))
	if !reflect.DeepEqual(again, secs) {
		t.Fatal("not deterministic")
	}
}

func FuzzParseSnmp(f *testing.F) {
	seedStats(f, "snmp")
	f.Fuzz(func(t *testing.T, data []byte) {
		secs, _ := ParseSNMP(strings.NewReader(string(data)))
		checkPairs(t, data, secs)
	})
}

func FuzzParseNetstat(f *testing.F) {
	seedStats(f, "netstat")
	f.Fuzz(func(t *testing.T, data []byte) {
		secs, _ := ParseNetstat(strings.NewReader(string(data)))
		checkPairs(t, data, secs)
	})
}

func FuzzParseSnmp6(f *testing.F) {
	seedStats(f, "snmp6")
	f.Fuzz(func(t *testing.T, data []byte) {
		secs, err := ParseSNMP6(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secs {
			for _, c := range s.Counters {
				if !strings.Contains(c.Name, s.Name) || len(c.Name) > statsFgetsSize-1 {
					t.Fatalf("counter %q in section %q", c.Name, s.Name)
				}
			}
		}
	})
}

func FuzzParseSCTPSNMP(f *testing.F) {
	seedStats(f, "sctp/snmp")
	f.Fuzz(func(t *testing.T, data []byte) {
		ctrs, err := ParseSCTPSNMP(strings.NewReader(string(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range ctrs {
			if strings.ContainsAny(c.Name, " \t\n\x00") {
				t.Fatalf("counter name %q", c.Name)
			}
		}
	})
}
