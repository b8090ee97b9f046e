package ntop

import (
	"net/netip"
	"testing"
)

// The expectations are glibc 2.36 inet_ntop results (spec §10.1).
func TestString(t *testing.T) {
	cases := map[string]string{
		"::ffff:1.2.3.4":                         "::ffff:1.2.3.4",
		"::1.2.3.4":                              "::1.2.3.4",
		"::1":                                    "::1",
		"::":                                     "::",
		"::0.0.1.2":                              "::102",
		"::ffff:0.0.0.1":                         "::ffff:0.0.0.1",
		"0:1::":                                  "0:1::",
		"::1:0:0:0":                              "::1:0:0:0",
		"1:0:0:2::3":                             "1:0:0:2::3",
		"1::2:0:0:3:4":                           "1::2:0:0:3:4",
		"2001:db8::1:0:0:1":                      "2001:db8::1:0:0:1",
		"::1:0:1":                                "::1:0:1",
		"fe80::60fa:53ff:feeb:5b33":              "fe80::60fa:53ff:feeb:5b33",
		"1:0:2:3:4:5:6:7":                        "1:0:2:3:4:5:6:7",
		"1:2:3:4:5:6:7:0":                        "1:2:3:4:5:6:7:0",
		"1:2:3:4:5:6:0:0":                        "1:2:3:4:5:6::",
		"0:0:1:2:3:4:5:6":                        "::1:2:3:4:5:6",
		"::ffff:0:0":                             "::ffff:0.0.0.0",
		"0:0:0:0:1:ffff:1:1":                     "::1:ffff:1:1",
		"127.0.0.1":                              "127.0.0.1",
		"2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:FFFF": "2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff",
	}
	for in, want := range cases {
		if got := String(netip.MustParseAddr(in)); got != want {
			t.Errorf("String(%s) = %q, want %q", in, got, want)
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add([]byte("\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x01\x02\x03\x04"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) != 16 {
			return
		}
		a := netip.AddrFrom16([16]byte(raw))
		s := String(a)
		back, err := netip.ParseAddr(s)
		if err != nil || back != a {
			t.Fatalf("String(%v) = %q does not parse back (%v, %v)", a, s, back, err)
		}
	})
}
